/** Tag sequences checked against a scheme, written from the schemes' definitions. */

export type Scheme = 'IOB2' | 'IOB1' | 'BIOES' | 'BILOU' | 'IO';
export const SCHEMES: Scheme[] = ['IOB2', 'IOB1', 'BIOES', 'BILOU', 'IO'];

const PREFIXES: Record<Scheme, string> = { IOB2: 'BI', IOB1: 'BI', BIOES: 'BIES', BILOU: 'BILU', IO: 'I' };

/** Problems of one sentence's tags under `scheme`: [token index, message]. */
export function tagProblems(tags: readonly string[], scheme: Scheme): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const parsed = tags.map((t) => /^([A-Z])-(\S+)$/.exec(t));
  // In IOB1 and IO a chunk continues through I- of its type; in the others only B-/I- open one.
  const [begin, inside, last, unit] = scheme === 'BILOU' ? ['B', 'I', 'L', 'U'] : ['B', 'I', 'E', 'S'];
  const ends = scheme === 'BIOES' || scheme === 'BILOU';
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (tag === 'O') {
      if (ends && i > 0 && open(i - 1)) out.push([i - 1, `chunk ${tags[i - 1]} is not closed`]);
      continue;
    }
    const m = parsed[i];
    if (scheme === 'IO' && (!m || m[1] === 'I')) continue; // IO tags are bare types or I-TYPE
    if (!m || !PREFIXES[scheme].includes(m[1])) {
      out.push([i, `tag '${tag}' does not fit the ${scheme} scheme`]);
      continue;
    }
    const [p, type] = [m[1], m[2]];
    const prev = i > 0 ? parsed[i - 1] : null;
    const prevOpen = prev !== null && prev[2] === type && (ends ? open(i - 1) : true);
    if (scheme === 'IOB2' && p === inside && !prevOpen) out.push([i, `'${tag}' starts a chunk (IOB2 starts with B-)`]);
    if (scheme === 'IOB1' && p === begin && !prevOpen) out.push([i, `'${tag}' follows no chunk of its type (IOB1 uses B- only between two chunks)`]);
    if (ends && (p === inside || p === last) && !prevOpen) out.push([i, `'${tag}' continues no open chunk`]);
    if (ends && (p === begin || p === unit) && i > 0 && open(i - 1)) out.push([i - 1, `chunk ${tags[i - 1]} is not closed`]);
  }
  if (ends && tags.length > 0 && open(tags.length - 1)) out.push([tags.length - 1, `chunk ${tags[tags.length - 1]} is not closed at the sentence end`]);
  return out;

  function open(k: number): boolean {
    const m = parsed[k];
    return m !== null && (m[1] === begin || m[1] === inside);
  }
}

/** The scheme under which the file's tags have the fewest problems (a majority, not a first tag),
 *  or the problems under `only` when the scheme is known. */
export function bestScheme(sentences: ReadonlyArray<readonly string[]>, only?: string): { scheme: Scheme; problems: Array<[number, number, string]> } {
  let best: { scheme: Scheme; problems: Array<[number, number, string]> } | null = null;
  const given = only?.toUpperCase();
  if (given !== undefined && !SCHEMES.includes(given as Scheme)) throw new Error(`unknown tag scheme "${only}"`);
  for (const scheme of given ? [given as Scheme] : SCHEMES) {
    const problems: Array<[number, number, string]> = [];
    sentences.forEach((tags, s) => {
      for (const [i, msg] of tagProblems(tags, scheme)) problems.push([s, i, msg]);
    });
    if (!best || problems.length < best.problems.length) best = { scheme, problems };
  }
  return best!;
}
