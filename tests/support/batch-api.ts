/**
 * The test server's Files and Batches APIs (OpenAI's shapes): upload a JSONL requests file,
 * create a batch, and watch it go validating -> in_progress -> completed on successive
 * retrieves. Each line is answered by the server's own chat handler (so a batch answers
 * exactly what a live request would), counted apart from live chat requests. On demand: a
 * batch expires with half its lines answered, single lines fail, a file over a limit is
 * refused, creation runs out of credit (HTTP 402).
 */
import type http from 'node:http';

export interface BatchApiOptions {
  /** Expire batches (those whose index passes the test) with only the first half of their lines answered. */
  expireHalf?: (batchIndex: number) => boolean;
  /** Lines whose custom_id passes the test fail (HTTP 500 in the error file) on their first try. */
  failLine?: (customId: string) => boolean;
  /** Uploads over these are refused (HTTP 400). */
  maxFileBytes?: number;
  maxFileLines?: number;
  /** Batches that can be created before the credit runs out (then HTTP 402). */
  credit?: number;
}

export interface BatchStats {
  uploads: number;
  batchesCreated: number;
  /** Batch lines answered, by custom_id: a line answered twice would be paid twice. */
  answered: Map<string, number>;
  refused: number;
}

interface Batch {
  id: string;
  index: number;
  input_file_id: string;
  endpoint: string;
  status: string;
  retrieves: number;
  output_file_id: string | null;
  error_file_id: string | null;
  request_counts: { total: number; completed: number; failed: number };
}

type Chat = (body: unknown) => Promise<{ status: number; json: unknown }>;

/** Multipart upload: the `file` part's content and the `purpose` field. */
function multipart(contentType: string, data: string): { file?: string; purpose?: string; filename?: string } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return {};
  const out: { file?: string; purpose?: string; filename?: string } = {};
  for (const part of data.split(`--${boundary[1] ?? boundary[2]}`)) {
    const head = part.indexOf('\r\n\r\n');
    if (head < 0) continue;
    const headers = part.slice(0, head);
    const body = part.slice(head + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (name === 'file') {
      out.file = body;
      out.filename = /filename="([^"]*)"/.exec(headers)?.[1];
    } else if (name === 'purpose') out.purpose = body;
  }
  return out;
}

export class BatchApi {
  readonly stats: BatchStats = { uploads: 0, batchesCreated: 0, answered: new Map(), refused: 0 };
  private readonly files = new Map<string, string>();
  private readonly batches = new Map<string, Batch>();
  private readonly failedOnce = new Set<string>();

  constructor(
    public options: BatchApiOptions,
    private readonly chat: Chat,
  ) {}

  /** Answers the request when it is for /files or /batches; false otherwise. */
  async handle(req: http.IncomingMessage, data: string, res: http.ServerResponse): Promise<boolean> {
    const url = (req.url ?? '').replace(/\?.*$/, '');
    const send = (status: number, body: unknown, raw = false) => {
      res.writeHead(status, { 'content-type': raw ? 'application/octet-stream' : 'application/json' });
      res.end(raw ? String(body) : JSON.stringify(body));
      return true;
    };
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && /\/files$/.test(url)) {
      const up = multipart(String(req.headers['content-type'] ?? ''), data);
      if (up.file === undefined || up.purpose !== 'batch') return send(400, { error: { message: 'expected a multipart file with purpose "batch"' } });
      const lines = up.file.split('\n').filter((l) => l.trim()).length;
      const o = this.options;
      if ((o.maxFileBytes !== undefined && Buffer.byteLength(up.file) > o.maxFileBytes) || (o.maxFileLines !== undefined && lines > o.maxFileLines)) {
        this.stats.refused++;
        return send(400, { error: { message: `file over the limit (${lines} lines, ${Buffer.byteLength(up.file)} bytes)`, code: 'file_too_large' } });
      }
      const id = `file-${this.files.size + 1}`;
      this.files.set(id, up.file);
      this.stats.uploads++;
      return send(200, { id, object: 'file', bytes: Buffer.byteLength(up.file), created_at: 1700000000, filename: up.filename ?? 'upload.jsonl', purpose: 'batch', status: 'processed' });
    }
    if (req.method === 'GET' && (m = /\/files\/([^/]+)\/content$/.exec(url))) {
      const f = this.files.get(m[1]);
      return f === undefined ? send(404, { error: { message: 'no such file' } }) : send(200, f, true);
    }
    if (req.method === 'POST' && /\/batches$/.test(url)) {
      const b = JSON.parse(data || '{}');
      if (!this.files.has(b.input_file_id)) return send(400, { error: { message: 'no such input file' } });
      if (this.options.credit !== undefined && this.stats.batchesCreated >= this.options.credit) return send(402, { error: { message: 'insufficient credit: add credit to your account', code: 'insufficient_quota' } });
      const index = this.stats.batchesCreated++;
      const batch: Batch = { id: `batch-${index + 1}`, index, input_file_id: b.input_file_id, endpoint: b.endpoint, status: 'validating', retrieves: 0, output_file_id: null, error_file_id: null, request_counts: { total: 0, completed: 0, failed: 0 } };
      this.batches.set(batch.id, batch);
      return send(200, this.view(batch));
    }
    if (req.method === 'GET' && (m = /\/batches\/([^/]+)$/.exec(url))) {
      const b = this.batches.get(m[1]);
      if (!b) return send(404, { error: { message: 'no such batch' } });
      await this.advance(b);
      return send(200, this.view(b));
    }
    return false;
  }

  private view(b: Batch) {
    return { id: b.id, object: 'batch', endpoint: b.endpoint, input_file_id: b.input_file_id, completion_window: '24h', status: b.status, output_file_id: b.output_file_id, error_file_id: b.error_file_id, created_at: 1700000000, request_counts: b.request_counts };
  }

  /** One step per retrieve: validating -> in_progress -> completed (or expired). */
  private async advance(b: Batch): Promise<void> {
    b.retrieves++;
    if (b.status === 'validating') {
      b.status = 'in_progress';
      b.request_counts.total = this.files.get(b.input_file_id)!.split('\n').filter((l) => l.trim()).length;
      return;
    }
    if (b.status !== 'in_progress') return;
    const lines = this.files.get(b.input_file_id)!.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const expire = this.options.expireHalf?.(b.index) ?? false;
    const answerUpTo = expire ? Math.floor(lines.length / 2) : lines.length;
    const out: string[] = [];
    const errors: string[] = [];
    for (const [i, line] of lines.entries()) {
      if (i >= answerUpTo) {
        errors.push(JSON.stringify({ id: `req-${b.id}-${i}`, custom_id: line.custom_id, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }));
        continue;
      }
      if (this.options.failLine?.(line.custom_id) && !this.failedOnce.has(line.custom_id)) {
        this.failedOnce.add(line.custom_id);
        errors.push(JSON.stringify({ id: `req-${b.id}-${i}`, custom_id: line.custom_id, response: { status_code: 500, request_id: `r-${i}`, body: { error: { message: 'internal error' } } }, error: null }));
        b.request_counts.failed++;
        continue;
      }
      const r = await this.chat(line.body);
      this.stats.answered.set(line.custom_id, (this.stats.answered.get(line.custom_id) ?? 0) + 1);
      out.push(JSON.stringify({ id: `req-${b.id}-${i}`, custom_id: line.custom_id, response: { status_code: r.status, request_id: `r-${i}`, body: r.json }, error: null }));
      if (r.status === 200) b.request_counts.completed++;
      else b.request_counts.failed++;
    }
    const file = (content: string[]) => {
      const id = `file-${this.files.size + 1}`;
      this.files.set(id, content.length ? content.join('\n') + '\n' : '');
      return id;
    };
    b.output_file_id = out.length ? file(out) : null;
    b.error_file_id = errors.length ? file(errors) : null;
    b.status = expire ? 'expired' : 'completed';
  }
}
