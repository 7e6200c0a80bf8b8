import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { data, tmpDir } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/llm-test-server.js';

const KEY = 'sk-spanforge-test-allfail-4b1d';
const INPUT = data('conll04/conll04_train.json');
const args = (url: string, out: string, ...more: string[]) => ['augment', 'llm-da', '--input', INPUT, '--limit', '3', '--base-url', url, '--model', 'test-model', '--out', out, '--max-retries', '0', '--quiet', ...more];

/** A 127.0.0.1 port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ apiKey: KEY, faults: { '500': 3 } });
});
afterAll(async () => {
  await server.close();
  delete process.env.OPENAI_API_KEY;
});

describe('an LLM run in which every request fails', () => {
  it('a bad API key (HTTP 401): exit 1 naming the key, the files written; with the right key the same command retries and succeeds', async () => {
    process.env.OPENAI_API_KEY = 'sk-wrong-key-000000';
    const out = path.join(tmpDir(), 'run');
    const before = server.stats.authFailures;
    const r = await cli(...args(server.url, out));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/3 seeds -> 6 candidates: 0 accepted, 6 rejected \(transport_failed 6\)/);
    expect(r.stderr).toMatch(/spanforge: error: every request to the model failed \(6 requests; last: HTTP 401 from the model server: invalid api key \(after 1 attempt\)\): no candidate came from the model\. Check the API key \(the OPENAI_API_KEY environment variable\) and its access to model test-model\. Failed requests are not cached: the same command sends them again/);
    expect(r.stderr).not.toContain('sk-wrong-key');
    expect(server.stats.authFailures - before).toBe(6);
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
    process.env.OPENAI_API_KEY = KEY;
    const again = await cli(...args(server.url, out));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/every request/);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).llm.requests).toBeGreaterThanOrEqual(6);
  });

  it('connection refused: exit 1 naming the server', async () => {
    process.env.OPENAI_API_KEY = KEY;
    const r = await cli(...args(`http://127.0.0.1:${await closedPort()}/v1`, path.join(tmpDir(), 'run')));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/every request to the model failed \(6 requests; last: connection failed: .*\): no candidate came from the model\. Check that the model server is running and --base-url reaches it\./);
  });

  it('a web page where the API should be (a wrong --base-url): exit 1 saying so; nothing cached, so the right URL then works', async () => {
    process.env.OPENAI_API_KEY = KEY;
    const page = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>'));
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    try {
      const out = path.join(tmpDir(), 'run');
      const r = await cli(...args(`http://127.0.0.1:${(page.address() as net.AddressInfo).port}/v1`, out));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('the model server answered with something that is no chat completion (no "choices"; a web page?): check --base-url');
      const cached = existsSync(path.join(out, 'llm-cache')) ? readdirSync(path.join(out, 'llm-cache'), { recursive: true }).filter((f) => String(f).endsWith('.json')) : [];
      expect(cached).toEqual([]);
      const again = await cli(...args(server.url, out));
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).not.toMatch(/0 accepted/);
    } finally {
      await new Promise<void>((r) => page.close(() => r()));
    }
  });

  it('only some requests failed (HTTP 500 without retries): exit 0 with the counts', async () => {
    process.env.OPENAI_API_KEY = KEY;
    const r = await cli(...args(server.url, path.join(tmpDir(), 'run'), '--limit', '12'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/transport_failed \d+/);
    expect(r.stderr).not.toMatch(/every request/);
  });
});
