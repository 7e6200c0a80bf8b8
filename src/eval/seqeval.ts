/**
 * Entity-level metrics computed as seqeval computes them.
 *
 * - default mode (conlleval-compatible, tolerant): chunks come from conlleval's start/end rules,
 *   so an I- after O starts an entity; sentences are joined with an O between them.
 * - strict mode with a scheme (IOB1, IOB2, IOBES, BILOU): only well-formed chunks count.
 *
 * A predicted entity counts only if its type and both boundaries match a gold entity.
 */
export type Mode = 'default' | 'strict';
export type StrictScheme = 'IOB1' | 'IOB2' | 'IOBES' | 'BILOU';

export interface Chunk {
  type: string;
  start: number;
  end: number; // exclusive
}

function split(tag: string): [string, string] {
  if (tag === 'O' || tag === '') return ['O', '_'];
  const dash = tag.indexOf('-');
  if (dash < 0) return [tag, '_'];
  return [tag.slice(0, dash), tag.slice(dash + 1) || '_'];
}

// conlleval's chunk rules, as seqeval's default mode applies them.
function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'E' || prevTag === 'S') return true;
  if (prevTag === 'B' && (tag === 'B' || tag === 'S' || tag === 'O')) return true;
  if (prevTag === 'I' && (tag === 'B' || tag === 'S' || tag === 'O')) return true;
  if (prevTag !== 'O' && prevTag !== '.' && prevType !== type) return true;
  return false;
}

function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === 'B' || tag === 'S') return true;
  if ((prevTag === 'E' || prevTag === 'S' || prevTag === 'O') && (tag === 'E' || tag === 'I')) return true;
  if (tag !== 'O' && tag !== '.' && prevType !== type) return true;
  return false;
}

/** Chunks of one tag sequence in default (conlleval) mode. */
export function chunksDefault(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let prevTag = 'O';
  let prevType = '';
  let begin = 0;
  const seq = [...tags, 'O'];
  for (let i = 0; i < seq.length; i++) {
    let [tag, type] = split(seq[i]);
    // Bare labels (IO files) read as I-.
    if (!['B', 'I', 'E', 'S', 'O', '.'].includes(tag)) [tag, type] = ['I', seq[i]];
    if (endOfChunk(prevTag, tag, prevType, type)) out.push({ type: prevType, start: begin, end: i });
    if (startOfChunk(prevTag, tag, prevType, type)) begin = i;
    prevTag = tag;
    prevType = type;
  }
  return out;
}

interface Rules {
  isStart(p: [string, string], t: [string, string]): boolean;
  isInside(p: [string, string], t: [string, string]): boolean;
  isEnd(p: [string, string], t: [string, string]): boolean;
}

const RULES: Record<StrictScheme, Rules> = {
  IOB2: {
    isStart: (_p, t) => t[0] === 'B',
    isInside: (p, t) => t[0] === 'I' && (p[0] === 'B' || p[0] === 'I') && p[1] === t[1],
    isEnd: (p, t) => (p[0] === 'B' || p[0] === 'I') && !(t[0] === 'I' && p[1] === t[1]),
  },
  IOB1: {
    isStart: (p, t) => (t[0] === 'I' && (p[0] === 'O' || p[0] === 'B' || p[1] !== t[1])) || (t[0] === 'B' && (p[0] === 'I' || p[0] === 'B') && p[1] === t[1]),
    isInside: (p, t) => t[0] === 'I' && (p[0] === 'I' || p[0] === 'B') && p[1] === t[1],
    isEnd: (p, t) => (p[0] === 'I' || p[0] === 'B') && !(t[0] === 'I' && p[1] === t[1]) && !(p[0] === 'B' && t[0] === 'B' && p[1] !== t[1]),
  },
  IOBES: {
    isStart: (_p, t) => t[0] === 'B' || t[0] === 'S',
    isInside: (p, t) => (t[0] === 'I' || t[0] === 'E') && (p[0] === 'B' || p[0] === 'I') && p[1] === t[1],
    isEnd: (p) => p[0] === 'E' || p[0] === 'S',
  },
  BILOU: {
    isStart: (_p, t) => t[0] === 'B' || t[0] === 'U',
    isInside: (p, t) => (t[0] === 'I' || t[0] === 'L') && (p[0] === 'B' || p[0] === 'I') && p[1] === t[1],
    isEnd: (p) => p[0] === 'L' || p[0] === 'U',
  },
};

/** Chunks of one sentence in strict mode: only chunks well formed in the scheme. */
export function chunksStrict(tags: readonly string[], scheme: StrictScheme): Chunk[] {
  const r = RULES[scheme];
  const ext = [...tags, 'O'].map(split);
  const out: Chunk[] = [];
  let i = 0;
  let prev: [string, string] = ['O', '_'];
  while (i < ext.length) {
    const tok = ext[i];
    if (r.isStart(prev, tok)) {
      let end = ext.length - 1;
      let p = tok;
      for (let j = i + 1; j < ext.length; j++) {
        if (r.isInside(p, ext[j])) p = ext[j];
        else {
          end = j;
          break;
        }
      }
      if (r.isEnd(ext[end - 1], ext[end])) out.push({ type: tok[1], start: i, end });
      i = end;
    } else i++;
    prev = ext[i - 1];
  }
  return out;
}

export interface TypeScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Report {
  mode: Mode;
  scheme?: StrictScheme;
  types: Record<string, TypeScores>;
  micro: TypeScores;
  macro: TypeScores;
  weighted: TypeScores;
  accuracy: number;
}

const prf = (tp: number, pred: number, gold: number): TypeScores => {
  const precision = pred ? tp / pred : 0;
  const recall = gold ? tp / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: gold };
};

/** seqeval's classification report over sentences of gold and predicted tags. */
export function classificationReport(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[], o: { mode?: Mode; scheme?: StrictScheme } = {}): Report {
  if (gold.length !== pred.length) throw new Error(`got ${gold.length} gold sentences and ${pred.length} predicted ones`);
  const mode = o.mode ?? 'default';
  const key = (c: Chunk, offset: number) => `${c.type}\u0000${c.start + offset}\u0000${c.end + offset}`;
  const goldSet = new Set<string>();
  const predSet = new Set<string>();
  let offset = 0;
  let correct = 0;
  let total = 0;
  for (let s = 0; s < gold.length; s++) {
    if (gold[s].length !== pred[s].length) throw new Error(`sentence ${s}: ${gold[s].length} gold tags, ${pred[s].length} predicted`);
    const g = mode === 'strict' ? chunksStrict(gold[s], o.scheme ?? 'IOB2') : null;
    const p = mode === 'strict' ? chunksStrict(pred[s], o.scheme ?? 'IOB2') : null;
    if (g && p) {
      for (const c of g) goldSet.add(key(c, offset));
      for (const c of p) predSet.add(key(c, offset));
    }
    for (let i = 0; i < gold[s].length; i++) if (gold[s][i] === pred[s][i]) correct++;
    total += gold[s].length;
    offset += gold[s].length + 1;
  }
  if (mode === 'default') {
    // seqeval joins the sentences with an O between them before chunking.
    const join = (seqs: readonly (readonly string[])[]) => seqs.flatMap((x) => [...x, 'O']);
    for (const c of chunksDefault(join(gold))) goldSet.add(key(c, 0));
    for (const c of chunksDefault(join(pred))) predSet.add(key(c, 0));
  }
  const typeOf = (k: string) => k.split('\u0000')[0];
  const types = [...new Set([...goldSet, ...predSet].map(typeOf))].sort();
  const perType: Record<string, TypeScores> = {};
  let tpAll = 0;
  for (const t of types) {
    const g = [...goldSet].filter((k) => typeOf(k) === t);
    const p = [...predSet].filter((k) => typeOf(k) === t);
    const tp = p.filter((k) => goldSet.has(k)).length;
    tpAll += tp;
    perType[t] = prf(tp, p.length, g.length);
  }
  const vals = Object.values(perType);
  const mean = (f: (x: TypeScores) => number) => (vals.length ? vals.reduce((a, x) => a + f(x), 0) / vals.length : 0);
  const supp = vals.reduce((a, x) => a + x.support, 0);
  const wmean = (f: (x: TypeScores) => number) => (supp ? vals.reduce((a, x) => a + f(x) * x.support, 0) / supp : 0);
  return {
    mode,
    ...(mode === 'strict' ? { scheme: o.scheme ?? 'IOB2' } : {}),
    types: perType,
    micro: prf(tpAll, predSet.size, goldSet.size),
    macro: { precision: mean((x) => x.precision), recall: mean((x) => x.recall), f1: mean((x) => x.f1), support: supp },
    weighted: { precision: wmean((x) => x.precision), recall: wmean((x) => x.recall), f1: wmean((x) => x.f1), support: supp },
    accuracy: total ? correct / total : 0,
  };
}

/** Relation extraction, micro-averaged; `no_relation`-style labels never score. */
export function relationScores(
  gold: Array<Array<{ head: [number, number, string]; tail: [number, number, string]; type: string }>>,
  pred: Array<Array<{ head: [number, number, string]; tail: [number, number, string]; type: string }>>,
  o: { mode: 'strict' | 'boundaries'; negative?: string[] },
): TypeScores {
  const neg = new Set(o.negative ?? ['no_relation', 'NA', 'Other']);
  const key = (s: number, r: { head: [number, number, string]; tail: [number, number, string]; type: string }) =>
    o.mode === 'strict' ? JSON.stringify([s, r.head, r.tail, r.type]) : JSON.stringify([s, r.head.slice(0, 2), r.tail.slice(0, 2), r.type]);
  const g = new Set(gold.flatMap((rs, s) => rs.filter((r) => !neg.has(r.type)).map((r) => key(s, r))));
  const p = new Set(pred.flatMap((rs, s) => rs.filter((r) => !neg.has(r.type)).map((r) => key(s, r))));
  const tp = [...p].filter((k) => g.has(k)).length;
  return prf(tp, p.size, g.size);
}

/**
 * Entity counts per sentence (true positives, predicted, gold), as classificationReport counts
 * them: its default mode puts an O between sentences, so no chunk crosses one and the sums
 * here are its micro counts. A paired bootstrap resamples these.
 */
export function sentenceCounts(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[], o: { mode?: Mode; scheme?: StrictScheme } = {}): { tp: Int32Array; pred: Int32Array; gold: Int32Array } {
  const n = gold.length;
  const out = { tp: new Int32Array(n), pred: new Int32Array(n), gold: new Int32Array(n) };
  const chunks = (tags: readonly string[]) => (o.mode === 'strict' ? chunksStrict(tags, o.scheme ?? 'IOB2') : chunksDefault(tags));
  const key = (c: Chunk) => `${c.type}\u0000${c.start}\u0000${c.end}`;
  for (let s = 0; s < n; s++) {
    const g = new Set(chunks(gold[s]).map(key));
    const p = new Set(chunks(pred[s]).map(key));
    out.gold[s] = g.size;
    out.pred[s] = p.size;
    for (const k of p) if (g.has(k)) out.tp[s]++;
  }
  return out;
}
