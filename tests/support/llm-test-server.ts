/**
 * The project's own OpenAI-compatible test server. It listens on 127.0.0.1 only, answers
 * POST /v1/chat/completions from scripts, counts requests and concurrent connections, and
 * injects faults on demand. Run it on its own with:
 *
 *     npx tsx tests/support/llm-test-server.ts [--port 8089] [--delay-ms 200] [--faults mixed]
 *   (GET <url>/stats answers the counters as JSON; --bad 0.4[:chatter,newline] makes that share
 *   of answer items bad, see bad-answers.ts, and GET <url>/bad-items lists them)
 *
 * The default script understands spanforge's requests (by the JSON schema name) and answers
 * with valid markup: context rewrites, entity replacements, mask fills, relation choices.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { BatchApi, type BatchApiOptions } from './batch-api.js';
import { misbehave, typeKind, BAD_CLASSES, type BadAnswerOptions, type BadClass, type BadItem } from './bad-answers.js';

export type Fault = '429' | '500' | 'slow' | 'invalid_json' | 'wrong_shape' | 'drop_entity' | 'invent_entity' | 'retype_entity';
export const FAULTS: Fault[] = ['429', '500', 'slow', 'invalid_json', 'wrong_shape', 'drop_entity', 'invent_entity', 'retype_entity'];
const MARKUP_FAULTS: Fault[] = ['drop_entity', 'invent_entity', 'retype_entity'];

export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string; json_schema?: { name?: string } };
  seed?: number;
  temperature?: number;
}

/** A script turns a request into the assistant's answer text (or null for the default).
 *  `truth` is what the server knows of the texts it wrote: a script that writes a bad answer
 *  notes its true entities there, so that verification questions get answered by them. */
export type Script = (body: ChatBody, ctx: { schema: string; key: string; truth: TruthBook }) => string | null;

export interface TestServerOptions {
  port?: number;
  /** Delay before every answer, ms. */
  delayMs?: number;
  /** How long a `slow` fault waits, ms (set it past the client's timeout). */
  slowMs?: number;
  /** Fault kinds and their period: a request whose key hash is divisible by the period gets it. */
  faults?: Partial<Record<Fault, number>>;
  script?: Script;
  /** Only this API key is accepted, when set. */
  apiKey?: string;
  /** Every Nth answer says the request window is spent (x-ratelimit-remaining-requests: 0), resetting after resetMs. */
  rateLimitEvery?: number;
  resetMs?: number;
  /** Bad answer items on demand (bad-answers.ts): a share of the items made bad, by class. */
  badAnswers?: BadAnswerOptions;
  /** Share of verification questions (entity listing, "is X a T", "what is X") answered right,
   *  drawn by the request's key hash; default 1. */
  verifyAccuracy?: number;
  /** Batch API behaviour (expiry, failed lines, limits, credit): batch-api.ts. */
  batch?: BatchApiOptions;
}

export interface TestServer {
  url: string;
  port: number;
  /** `faults` counts each content fault (invalid_json, wrong_shape, drop/invent/retype_entity)
   *  once per distinct request, however often a client retries it: a client that timed out on
   *  a slow machine and asked again must not count twice. */
  stats: { requests: number; answered: number; maxConcurrent: number; faults: Record<string, number>; authFailures: number; seenAuthorization: string[]; arrivals: number[] };
  /** /v1/files and /v1/batches; batch lines are answered apart from `stats.requests`. */
  batches: BatchApi;
  close(): Promise<void>;
  setFaults(f: Partial<Record<Fault, number>>): void;
  setScript(s: Script | undefined): void;
  /** Answer only until `answered` reaches n; later requests wait, unanswered, until the limit
   *  is lifted (undefined) or the server closes. Lets a test stop a client at an exact count. */
  setAnswerLimit(n: number | undefined): void;
  setBadAnswers(b: BadAnswerOptions | undefined): void;
  /** Every answer item sent while bad answers were on, in order: its class and the text its
   *  candidate would have (GET <url>/bad-items answers it as JSON). */
  badItems: BadItem[];
}

const hashNum = (s: string) => parseInt(createHash('sha1').update(s).digest('hex').slice(0, 8), 16);

const PREFIXES = ['In a recent report,', 'According to officials,', 'As reported on Monday,', 'Sources said that', 'It was confirmed that', 'Observers noted that', 'By all accounts,', 'Earlier this week,'];
const NAMES: Record<string, string[]> = {
  PER: ['Clara Voss', 'Martin Ekberg', 'Sofia Lindqvist', 'Tomas Reyes'],
  Peop: ['Clara Voss', 'Martin Ekberg', 'Sofia Lindqvist', 'Tomas Reyes'],
  ORG: ['Halcyon Systems', 'Northwind Trading', 'Brightwater Institute', 'Kestrel Labs'],
  Org: ['Halcyon Systems', 'Northwind Trading', 'Brightwater Institute', 'Kestrel Labs'],
  LOC: ['Valdoria', 'Port Ellis', 'Kirkhaven', 'Marlow Bay'],
  Loc: ['Valdoria', 'Port Ellis', 'Kirkhaven', 'Marlow Bay'],
};
/** The entity types the default script draws this name from (empty for a name it never writes). */
export const scriptedTypesOf = (name: string): string[] => Object.keys(NAMES).filter((t) => NAMES[t].includes(name));
const nameFor = (type: string, k: number) => (NAMES[type] ?? [`Novel ${type.replace(/[^A-Za-z]/g, '') || 'Thing'} ${k + 1}`, `Other ${type.replace(/[^A-Za-z]/g, '') || 'Thing'} ${k + 2}`])[k % (NAMES[type]?.length ?? 2)];

// Entity-free sentences: 4096 of them, so that a run's good negatives are not duplicates.
const SUBJECTS = ['The weather', 'Prices', 'The committee', 'Most of the roads', 'A small crowd', 'The old bridge', 'Local shops', 'The evening train'];
const PREDICATES = ['remained unchanged', 'was discussed at length', 'drew little attention', 'changed only slightly', 'became a topic of debate', 'was expected to improve', 'stayed much the same', 'surprised some observers'];
const TIMES = ['over the past week', 'after the long holiday', 'for most of the morning', 'later that evening', 'during the summer', 'in recent days', 'despite the rain', 'once again'];
const CODAS = ['', ' , as many had predicted', ' , people said', ' , it seemed', ' , by most accounts', ' , as usual', ' , to nobody\'s surprise', ' , at least for now'];
const entityFree = (h: number) => `${SUBJECTS[h % 8]} ${PREDICATES[(h >>> 3) % 8]} ${TIMES[(h >>> 6) % 8]}${CODAS[(h >>> 9) % 8]} .`;

export function firstUser(body: ChatBody): string {
  return body.messages.find((m) => m.role === 'user')?.content ?? '';
}

/** The default script: valid answers for every request spanforge sends. */
export function defaultAnswer(body: ChatBody, schema: string, key: string): string {
  const user = firstUser(body);
  const sentence = /<sentence>([\s\S]*?)<\/sentence>/.exec(user)?.[1] ?? '';
  const h = hashNum(key);
  if (schema === 'context_rewrites') {
    const n = Number(/Write (\d+) different/.exec(user)?.[1] ?? 1);
    const rewrites = Array.from({ length: n }, (_, k) => `${PREFIXES[(h + k) % PREFIXES.length]} ${sentence.charAt(0).toLowerCase() === sentence.charAt(0) ? sentence : sentence}`);
    return JSON.stringify({ rewrites });
  }
  if (schema === 'entity_replacements') {
    const ids = [...user.matchAll(/#(\d+) \(([^,]+), now "([^"]*)"\)/g)];
    return JSON.stringify({ replacements: ids.map((m, k) => ({ id: Number(m[1]), text: nameFor(m[2], h + k) })) });
  }
  if (schema === 'mask_fills') {
    const slots = [...user.matchAll(/(\d+) \(([^)]+)\)/g)].filter((m) => sentence.includes(`[MASK-${m[1]}]`));
    return JSON.stringify({ fills: slots.map((m, k) => ({ slot: Number(m[1]), text: nameFor(m[2], h + k) })) });
  }
  if (schema === 'long_tail_sentences') {
    const n = Number(/Write (\d+) new/.exec(user)?.[1] ?? 1);
    const rel = /Relation: (\S+)/.exec(user)?.[1] ?? 'related';
    const head = /\{([^}#]+)#1\}/.exec(user.split('Write')[1] ?? user)?.[1] ?? 'X';
    const tail = /\{([^}#]+)#2\}/.exec(user.split('Write')[1] ?? user)?.[1] ?? 'Y';
    // The type is part of each placeholder name: a real model never gives one name two types.
    const tag = (t: string) => t.toLowerCase().replace(/[^a-z]/g, '') || 'thing';
    const sentences = Array.from({ length: n }, (_, k) => `In study ${(h % 997) + k} , [alpha ${tag(head)} model ${(h + k) % 1000}]{${head}#1} was linked to [beta ${tag(tail)} set ${(h + 3 * k) % 1000}]{${tail}#2} ( ${rel} ) .`);
    return JSON.stringify({ sentences });
  }
  if (schema === 'entity_free_sentences') {
    const n = Number(/Write (\d+) new sentences/.exec(user)?.[1] ?? 1);
    return JSON.stringify({ sentences: Array.from({ length: n }, (_, k) => entityFree(h + 7919 * k)) });
  }
  if (schema === 'entity_annotation') return JSON.stringify({ entities: [] });
  if (schema === 'relation_choice') {
    // Pick the option whose label the scripted generator wrote into the sentence.
    const options = [...user.matchAll(/^([A-Z])\) (.+)$/gm)];
    const hit = options.find((m) => sentence.includes(`( ${m[2]} )`));
    return JSON.stringify({ answer: (hit ?? options[0])?.[1] ?? 'A' });
  }
  return JSON.stringify({});
}

/** A text's key in the truth book: letters and digits only, lower case (tokenisation-proof). */
export const truthKey = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The true entities of the texts the server wrote (first note wins: a script's own). */
export interface TrueEntity {
  text: string;
  type: string;
  /** Written without a mark (a bad answer's): a wrong listing misses it. */
  unmarked?: boolean;
}
export class TruthBook {
  private readonly book = new Map<string, TrueEntity[]>();
  note(text: string, entities: TrueEntity[]): void {
    if (!this.book.has(truthKey(text))) this.book.set(truthKey(text), entities);
  }
  lookup(text: string): TrueEntity[] | undefined {
    return this.book.get(truthKey(text));
  }
}

const MARK = /\[([^\]]+)\]\{([^}#]+)#\d+\}/g;
/** Plain text and marked entities of a sentence in spanforge's markup. */
export function unmark(marked: string): { text: string; entities: Array<{ text: string; type: string }> } {
  const entities = [...marked.matchAll(MARK)].map((m) => ({ text: m[1], type: m[2] }));
  return { text: marked.replace(MARK, '$1'), entities };
}

/** The plain texts a generation answer makes (rewrites, replacements, fills, new sentences),
 *  with the entities its markup gives them. */
export function answerTexts(schema: string, user: string, content: string): Array<{ text: string; entities: TrueEntity[] }> {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(content);
  } catch {
    return [];
  }
  const sentence = /<sentence>([\s\S]*?)<\/sentence>/.exec(user)?.[1] ?? '';
  const list = (k: string) => (Array.isArray(j[k]) ? ((j[k] as unknown[]).filter((x) => typeof x === 'string') as string[]) : []);
  if (schema === 'context_rewrites' || schema === 'long_tail_sentences') return list(schema === 'context_rewrites' ? 'rewrites' : 'sentences').map(unmark);
  if (schema === 'entity_free_sentences') return list('sentences').map((text) => ({ text, entities: [] }));
  if (schema === 'entity_replacements' && Array.isArray(j.replacements)) {
    const by = new Map((j.replacements as Array<{ id: number; text: string }>).map((r) => [r.id, r.text]));
    return [unmark(sentence.replace(/\[([^\]]+)\]\{([^}#]+)#(\d+)\}/g, (_m, t, ty, id) => `[${by.get(Number(id)) ?? t}]{${ty}#${id}}`))];
  }
  if (schema === 'mask_fills' && Array.isArray(j.fills)) {
    const by = new Map((j.fills as Array<{ slot: number; text: string }>).map((f) => [f.slot, f.text]));
    const filled = sentence.replace(/\[MASK-(\d+)\]/g, (_m, n) => by.get(Number(n)) ?? '');
    const entities = [...filled.matchAll(/<([^>/\s]+)> (.*?) <\/\1>/g)].map((m) => ({ text: m[2], type: m[1] }));
    return [{ text: filled.replace(/<\/?[^>\s]+> ?/g, ''), entities }];
  }
  return [];
}

/**
 * Answers to verification questions from the truth book, right `accuracy` of the time (by the
 * key's hash). Wrong: a listing names a spurious entity (a word outside the true ones) or drops
 * the true ones; a yes/no flips; a type choice names another type. A text the server did not
 * write is judged by the names it draws from (NAMES), else taken as right.
 */
export function verifyAnswer(body: ChatBody, schema: string, key: string, book: TruthBook, accuracy: number): string | null {
  if (schema !== 'entity_annotation' && schema !== 'mention_check' && schema !== 'mention_type') return null;
  const user = firstUser(body);
  const text = /<text>([\s\S]*?)<\/text>/.exec(user)?.[1] ?? '';
  const right = hashNum(`${key}#verify`) % 1000 < accuracy * 1000;
  const truth = book.lookup(text);
  if (schema === 'entity_annotation') {
    const found = (truth ?? []).map(({ text: t, type }) => ({ text: t, type }));
    if (right) return JSON.stringify({ entities: found });
    // Wrong: an unmarked entity is missed; where there is none, a plain word is called one.
    if (truth?.some((e) => e.unmarked)) return JSON.stringify({ entities: found.filter((_, k) => !truth[k].unmarked) });
    const words = text.split(/\s+/).filter((w) => /^\p{L}{3,}$/u.test(w) && !found.some((e) => e.text.includes(w)));
    const type = /^- (\S+):/m.exec(user)?.[1] ?? 'X';
    return JSON.stringify({ entities: [...found, ...(words.length ? [{ text: words[hashNum(key) % words.length], type }] : [])] });
  }
  const m = /is "([^"]+)" (?:a (\S+) \(|an entity of type (\S+)\?)/.exec(user) ?? /What is "([^"]+)"/.exec(user);
  const mention = m?.[1] ?? '';
  const asked = m?.[2] ?? m?.[3];
  const drawn = scriptedTypesOf(mention);
  const known = truth?.find((e) => truthKey(e.text) === truthKey(mention))?.type ?? (truth ? 'none' : asked && (drawn.length === 0 || drawn.includes(asked)) ? asked : (drawn[0] ?? 'none'));
  const same = (a: string | undefined) => a !== undefined && typeKind(a) === typeKind(known);
  if (schema === 'mention_check') return JSON.stringify({ answer: same(asked) === right ? 'yes' : 'no' });
  const options = /Choose one of: ([^.]+)\./.exec(user)?.[1].split(', ') ?? ['none'];
  const wrong = options.filter((o) => !same(o));
  return JSON.stringify({ type: right ? (options.find(same) ?? known) : wrong[hashNum(key) % wrong.length] });
}

function breakMarkup(answer: string, fault: Fault): string {
  const j = JSON.parse(answer);
  if (!Array.isArray(j.rewrites)) return answer;
  j.rewrites = j.rewrites.map((r: string) => {
    if (fault === 'drop_entity') return r.replace(/\[([^\]]*)\]\{[^}]*\}/, '$1');
    if (fault === 'invent_entity') return `${r} [Zed Quill]{PER#99}`;
    return r.replace(/\]\{([^}#]*)#/, ']{WRONGTYPE#');
  });
  return JSON.stringify(j);
}

export async function startTestServer(o: TestServerOptions = {}): Promise<TestServer> {
  let faults = { ...(o.faults ?? {}) };
  let script = o.script;
  let bad = o.badAnswers;
  const badItems: BadItem[] = [];
  // Rewrites by the text their candidate would have: a replacement of one inherits its class.
  const rewrites = new Map<string, BadItem>();
  const inherited = (expected: string): BadClass | null => {
    const it = rewrites.get(expected);
    if (!it) return null;
    it.chained = true;
    return it.cls;
  };
  const truth = new TruthBook();
  const attempts = new Map<string, number>();
  const stats: TestServer['stats'] = { requests: 0, answered: 0, maxConcurrent: 0, faults: {}, authFailures: 0, seenAuthorization: [], arrivals: [] };
  const faulted = new Set<string>();
  let answerLimit: number | undefined;
  let lifted: () => void = () => {};
  let liftedAt = new Promise<void>((r) => (lifted = r));
  const setAnswerLimit = (n: number | undefined) => {
    answerLimit = n;
    lifted();
    liftedAt = new Promise<void>((r) => (lifted = r));
  };
  let active = 0;
  const sockets = new Set<import('node:net').Socket>();
  // Batch lines go through this very handler, marked, so that they count apart from live requests.
  const batches = new BatchApi(o.batch ?? {}, async (body) => {
    const r = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-batch-line': '1' }, body: JSON.stringify(body) });
    return { status: r.status, json: await r.json() };
  });

  let port = 0;
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', async () => {
      const batchLine = req.headers['x-batch-line'] === '1';
      const chat = req.method === 'POST' && !!req.url?.endsWith('/chat/completions') && !batchLine;
      active++;
      stats.maxConcurrent = Math.max(stats.maxConcurrent, active);
      const finish = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        if (!res.writableEnded && !res.destroyed) {
          if (chat) stats.answered++;
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(typeof body === 'string' ? body : JSON.stringify(body));
        }
        active--;
      };
      // Counters for a client in another process (the benchmark runs the server on its own).
      if (req.method === 'GET' && req.url?.endsWith('/stats')) return finish(200, stats);
      if (req.method === 'GET' && req.url?.endsWith('/bad-items')) return finish(200, badItems);
      if (/\/(files|batches)(\/|$|\?)/.test(req.url ?? '')) {
        active--;
        return void (await batches.handle(req, data, res) || finish(404, { error: { message: 'not found' } }));
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return finish(404, { error: { message: 'not found' } });
      if (!batchLine) stats.requests++;
      if (stats.arrivals.length < 100_000) stats.arrivals.push(performance.now());
      const auth = req.headers.authorization ?? '';
      if (stats.seenAuthorization.length < 5) stats.seenAuthorization.push(auth);
      if (o.apiKey && auth !== `Bearer ${o.apiKey}`) {
        stats.authFailures++;
        return finish(401, { error: { message: 'invalid api key' } });
      }
      let body: ChatBody;
      try {
        body = JSON.parse(data);
      } catch {
        return finish(400, { error: { message: 'invalid request JSON' } });
      }
      const schema = body.response_format?.json_schema?.name ?? (/"rewrites"/.test(firstUser(body)) ? 'context_rewrites' : /"replacements"/.test(firstUser(body)) ? 'entity_replacements' : /"fills"/.test(firstUser(body)) ? 'mask_fills' : /"answer"/.test(firstUser(body)) ? 'relation_choice' : 'unknown');
      const key = JSON.stringify([firstUser(body), body.seed ?? null, body.temperature ?? null]);
      const isReask = body.messages.some((m) => m.role === 'assistant');
      const n = (attempts.get(key + isReask) ?? 0) + 1;
      attempts.set(key + isReask, n);
      const h = hashNum(key);
      // Transport and JSON faults hit any request; markup faults only rewrites, drawn from
      // their own hash so that even a short run of rewrites meets each of them.
      const markup = schema === 'context_rewrites' ? MARKUP_FAULTS.find((f) => faults[f] && hashNum(`${key}#${f}`) % faults[f]! === 0) : undefined;
      const fault = FAULTS.find((f) => !MARKUP_FAULTS.includes(f) && faults[f] && h % faults[f]! === 0) ?? markup;
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      while (answerLimit !== undefined && stats.answered >= answerLimit) await liftedAt;
      const count = (f: string) => (stats.faults[f] = (stats.faults[f] ?? 0) + 1);
      // Once per distinct request (and per first ask or re-ask), however often it is retried.
      const countOnce = (f: string) => {
        if (faulted.has(`${f}\u0000${key}\u0000${isReask}`)) return;
        faulted.add(`${f}\u0000${key}\u0000${isReask}`);
        count(f);
      };
      // Transport faults hit a request's first attempt; the retry goes through.
      if (fault === '429' && n === 1) {
        count('429');
        return finish(429, { error: { message: 'rate limited' } }, { 'retry-after-ms': '40', 'retry-after': '1' });
      }
      if (fault === '500' && n === 1) {
        count('500');
        return finish(500, { error: { message: 'internal error' } });
      }
      if (fault === 'slow' && n === 1) {
        count('slow');
        await new Promise((r) => setTimeout(r, o.slowMs ?? 3000));
      }
      let content = script?.(body, { schema, key, truth }) ?? verifyAnswer(body, schema, key, truth, o.verifyAccuracy ?? 1) ?? defaultAnswer(body, schema, key);
      for (const a of answerTexts(schema, firstUser(body), content)) truth.note(a.text, a.entities);
      // Bad answer items hit first asks; a re-ask is about the JSON, not the content.
      // The same request gets the same bad answer however often it is sent; its items are
      // listed once.
      if (bad && !isReask) {
        const m = misbehave(schema, firstUser(body), content, key, bad, inherited);
        content = m.content;
        const first = !faulted.has(`bad\u0000${key}`);
        faulted.add(`bad\u0000${key}`);
        for (const it of first ? m.items : []) {
          badItems.push(it);
          // A right verifier knows what the bad item really holds.
          if (it.truth) truth.note(it.expected, it.truth);
          if (it.schema === 'context_rewrites' && it.expected !== it.from) rewrites.set(it.expected, it);
          if (it.cls) count(`bad:${it.cls}`);
        }
      }
      // Content faults hit the first ask; a re-ask (with the error) is answered well.
      if (fault === 'invalid_json' && !isReask) {
        countOnce('invalid_json');
        content = '{"rewrites": ["unterminated';
      } else if (fault === 'wrong_shape' && !isReask) {
        countOnce('wrong_shape');
        content = JSON.stringify({ text: 'a rewrite', items: 3 });
      } else if ((fault === 'drop_entity' || fault === 'invent_entity' || fault === 'retype_entity') && schema === 'context_rewrites') {
        countOnce(fault);
        content = breakMarkup(content, fault);
      }
      const promptTokens = Math.ceil(body.messages.reduce((a, m) => a + m.content.length, 0) / 4);
      const rl: Record<string, string> = o.rateLimitEvery && stats.requests % o.rateLimitEvery === 0 ? { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${o.resetMs ?? 500}ms` } : {};
      finish(200, {
        id: `chatcmpl-${stats.requests}`,
        object: 'chat.completion',
        created: 1700000000,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: promptTokens, completion_tokens: Math.ceil(content.length / 4), total_tokens: promptTokens + Math.ceil(content.length / 4) },
      }, rl);
    });
  });
  // Idle keep-alive sockets stay open for the whole test. With Node's 5 s default, a client whose
  // event loop lags (a busy CI machine) can reuse a socket the server has just closed: the
  // request never arrives, the client retries, and the request counts tests compare drift.
  server.keepAliveTimeout = 600_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats,
    batches,
    setFaults: (f) => (faults = { ...f }),
    setScript: (s) => (script = s),
    setAnswerLimit,
    setBadAnswers: (b) => (bad = b),
    badItems,
    close: () =>
      new Promise<void>((resolve) => {
        setAnswerLimit(undefined);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const MIXED: Partial<Record<Fault, number>> = { '429': 7, '500': 11, slow: 13, invalid_json: 17, wrong_shape: 19, drop_entity: 11, invent_entity: 13, retype_entity: 12 };

// Standalone: `npx tsx tests/support/llm-test-server.ts --port 8089 --delay-ms 200 --faults mixed`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  // --bad 0.4[:chatter,newline]: that share of answer items bad, drawn from those classes.
  const badArg = arg('--bad');
  const badAnswers = badArg ? { rate: Number(badArg.split(':')[0]), classes: badArg.includes(':') ? (badArg.split(':')[1].split(',') as BadClass[]) : BAD_CLASSES } : undefined;
  const s = await startTestServer({ port: Number(arg('--port') ?? 8089), delayMs: Number(arg('--delay-ms') ?? 0), faults: arg('--faults') === 'mixed' ? MIXED : {}, badAnswers });
  console.log(`test LLM server on ${s.url} (POST /chat/completions, GET /stats); Ctrl-C stops it`);
}

export { MIXED as MIXED_FAULTS };
