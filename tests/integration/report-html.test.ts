import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { CHROMIUM, hasChromium, launch } from '../support/browser.js';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');

// CI installs Debian's chromium (.ci/run); on a machine without it the test says why it skipped.
describe.skipIf(!hasChromium && !process.env.CI)(`report.html in headless Chromium (${hasChromium ? CHROMIUM : `skipped: no browser at ${CHROMIUM}`})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the run counts, charts and gallery with no console errors, and filters by operation and status', async () => {
    const out = path.join(tmpDir(), 'run');
    const r = await cli('augment', 'sda', '--input', data('conll04/conll04_dev.json'), '--out', out, '--variants', '3');
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    // Self-contained: nothing fetched (the SVG namespace URI is a name, not a request).
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|(src|href)=["']?https?:|url\(["']?https?:|@import/);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (q) => problems.push(`request failed: ${q.url()}`));
    await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
    await page.waitForSelector('#gallery .item');

    expect(await page.textContent('#count-seeds')).toBe(String(manifest.counts.seeds));
    expect(await page.textContent('#count-candidates')).toBe(String(manifest.counts.candidates));
    expect(await page.textContent('#count-accepted')).toBe(String(manifest.counts.accepted));
    expect(await page.textContent('#count-rejected')).toBe(String(manifest.counts.rejected));
    expect(await page.locator('#chart-entities rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#gallery .item .ent').count()).toBeGreaterThan(0);
    // Relations are drawn between entities.
    expect(await page.locator('#gallery svg.arcs path').count()).toBeGreaterThan(0);

    // What the gallery should show, read from the data embedded in the file (not from the page).
    const embedded = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]) as { gallery: Array<{ status: string; op: string }> };
    const items = embedded.gallery;
    const rejectedItems = items.filter((g) => g.status === 'rejected').length;
    expect(rejectedItems).toBeGreaterThan(0);
    expect(rejectedItems).toBeLessThan(items.length);
    const visible = () => page.locator('#gallery .item:visible');
    expect(await visible().count()).toBe(items.length);

    await page.uncheck('#show-accepted');
    expect(await visible().count()).toBe(rejectedItems);
    expect(await visible().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(new Array(rejectedItems).fill('rejected'));
    await page.check('#show-accepted');

    const op = Object.keys(manifest.counts.by_operation).find((o) => items.some((g) => g.op === o))!;
    const ofOp = items.filter((g) => g.op === op).length;
    expect(new Set(items.map((g) => g.op)).size).toBeGreaterThan(1);
    await page.selectOption('#filter-op', op);
    expect(await visible().count()).toBe(ofOp);
    expect(await visible().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.op))).toEqual(new Array(ofOp).fill(op));
    await page.selectOption('#filter-op', '');
    expect(await visible().count()).toBe(items.length);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: false });
    expect(problems).toEqual([]);
    await page.close();
  });
});
