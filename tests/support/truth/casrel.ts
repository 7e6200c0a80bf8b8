import { BAD_CHAR, Report, isObject, parseJson, type CheckOptions, type Violation } from './types.js';

/**
 * CasRel/NYT: `[{text, triple_list: [[subject, relation, object], ...]}]`. `text` is tokens
 * joined by single spaces, and a triple names its arguments by surface string only, so each
 * argument must be a run of whole tokens of the text.
 */
export function checkCasrel(text: string, _opts: CheckOptions = {}): Violation[] {
  const r = new Report('casrel');
  const data = parseJson(text, r);
  if (data === undefined) return r.list;
  if (!Array.isArray(data)) {
    r.add(0, 'json', 'not a JSON array');
    return r.list;
  }
  data.forEach((rec, k) => record(rec, k, r));
  return r.list;
}

function record(rec: unknown, k: number, r: Report): void {
  if (!isObject(rec) || typeof rec.text !== 'string' || !Array.isArray(rec.triple_list)) {
    r.add(k, 'record', 'not {text, triple_list}');
    return;
  }
  const text = rec.text;
  const bad = text.split(' ').findIndex((t) => t === '' || BAD_CHAR.test(t));
  if (bad >= 0) r.add(k, 'text', `not tokens joined by single spaces: token ${bad} is ${JSON.stringify(text.split(' ')[bad])} (a space at an edge, two spaces, or other whitespace)`);
  const padded = ` ${text} `;
  rec.triple_list.forEach((tr, i) => {
    if (!Array.isArray(tr) || tr.length !== 3 || !tr.every((x) => typeof x === 'string' && x !== '')) {
      r.add(k, `triple_list[${i}]`, 'not [subject, relation, object] strings');
      return;
    }
    for (const [j, role] of [[0, 'subject'], [2, 'object']] as const)
      if (!padded.includes(` ${tr[j]} `)) r.add(k, `triple_list[${i}].${role}`, `"${tr[j]}" is not a run of whole tokens of the text`);
  });
}
