import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Entity, Example } from '../../src/core/model.js';
import { Reporter } from '../../src/formats/reporter.js';
import { AMBIGUOUS_FIRST, AMBIGUOUS_RESOLVED, ONLY_INSIDE, REPEATED_ROW, chooseMentionOccurrence, type Occurrence } from '../../src/formats/mention-placement.js';
import { readAs, writeAs } from '../support/format-io.js';

const ENTITY_HEAD = 'text,mention,type,start,end\n';
const RELATION_ARG_WARNING = 'argument occurs more than once (nearest to the other argument used)';

/** Whether a space follows token i (none given: one between tokens). */
const spaceAfter = (ex: Example, i: number) => (ex.spaces ? ex.spaces[i] : i < ex.tokens.length - 1);
/** Character span of an entity, re-derived from the tokens and their trailing spaces (not the project's offset helper). */
function charSpan(ex: Example, e: Entity): [number, number] {
  let pos = 0;
  let start = -1;
  for (let i = 0; i < ex.tokens.length; i++) {
    if (i === e.start) start = pos;
    pos += ex.tokens[i].length;
    if (i === e.end - 1) return [start, pos];
    if (spaceAfter(ex, i)) pos += 1;
  }
  throw new Error('entity outside the tokens');
}
const textOf = (ex: Example) => ex.tokens.map((t, i) => t + (spaceAfter(ex, i) ? ' ' : '')).join('');
/** "surface/TYPE@start" for each entity, sorted, from the tokens alone. */
const placed = (ex: Example) =>
  ex.entities.map((e) => {
    const [s, t] = charSpan(ex, e);
    return `${textOf(ex).slice(s, t)}/${e.type}@${s}`;
  }).sort();
const overlapping = (ex: Example) => {
  const sp = ex.entities.map((e) => charSpan(ex, e));
  return sp.some((a, i) => sp.some((b, j) => i < j && a[0] < b[1] && b[0] < a[1]));
};
/** The first messages of a warning kind, without the temporary folder the file was read from. */
const messages = (r: Reporter, kind: string) => (r.warnings.get(kind)?.first ?? []).map((m) => m.replace(/^.*\/(?=[^/]*\.csv:)/, ''));

async function readEntities(rows: string[], reporter = new Reporter('strict')): Promise<Example> {
  const exs = await readAs('csv', 'e.csv', ENTITY_HEAD + rows.join('\n') + '\n', reporter);
  expect(exs).toHaveLength(1);
  return exs[0];
}

describe('CSV entity rows: a mention found more than once', () => {
  const text = 'Avon Castell visited Avon .';
  const per = `"${text}",Avon Castell,PER,,`;
  const loc = `"${text}",Avon,LOC,,`;
  const second = text.lastIndexOf('Avon');

  for (const [name, rows] of [['LOC row first', [loc, per]], ['PER row first', [per, loc]]] as const) {
    it(`takes the occurrence no other mention holds (${name}), with a message worded for mentions`, async () => {
      const r = new Reporter('strict');
      const ex = await readEntities([...rows], r);
      expect(second).toBe(21);
      expect(placed(ex)).toEqual(['Avon Castell/PER@0', `Avon/LOC@${second}`]);
      expect(overlapping(ex)).toBe(false);
      expect([...r.warnings.keys()]).toEqual([AMBIGUOUS_RESOLVED]);
      expect(messages(r, AMBIGUOUS_RESOLVED)).toEqual([
        `e.csv:${rows[0] === loc ? 2 : 3}: mention "Avon" occurs 2 times in the text; the one at [21, 25] used, the other is held by other mentions`,
      ]);
      // The overlap that used to appear blocked CoNLL output; now it converts.
      expect(await writeAs('conll', [ex])).toBe('Avon B-PER\nCastell I-PER\nvisited O\nAvon B-LOC\n. O\n\n');
    });
  }

  for (const [name, rows] of [['LOC row first', 0], ['PER row first', 1]] as const) {
    it(`places a mention whose only occurrence lies inside another one, saying so (${name})`, async () => {
      const t = 'Avon Castell visited Lunde .';
      const both = [`"${t}",Avon,LOC,,`, `"${t}",Avon Castell,PER,,`];
      const r = new Reporter('strict');
      const ex = await readEntities(rows === 0 ? both : [both[1], both[0]], r);
      expect(placed(ex)).toEqual(['Avon Castell/PER@0', 'Avon/LOC@0']);
      expect([...r.warnings.keys()]).toEqual([ONLY_INSIDE]);
      expect(messages(r, ONLY_INSIDE)[0]).toContain(
        'mention "Avon" occurs 1 time in the text, only inside other mentions; placed at [0, 4], overlapping "Avon Castell" (PER) at [0, 12]',
      );
    });
  }

  it('with several free occurrences takes the first and says the choice is open; a second row takes the next', async () => {
    const t = 'Tib met Tib .';
    const r1 = new Reporter('strict');
    const one = await readEntities([`"${t}",Tib,PER,,`], r1);
    expect(placed(one)).toEqual(['Tib/PER@0']);
    expect(messages(r1, AMBIGUOUS_FIRST)).toEqual(['e.csv:2: mention "Tib" occurs 2 times in the text; the first, at [0, 3], used (give start and end to choose another)']);
    const r2 = new Reporter('strict');
    const two = await readEntities([`"${t}",Tib,PER,,`, `"${t}",Tib,PER,,`], r2);
    expect(placed(two)).toEqual(['Tib/PER@0', 'Tib/PER@8']);
    expect([...r2.warnings.keys()]).toEqual([AMBIGUOUS_FIRST, AMBIGUOUS_RESOLVED]);
  });

  it('a mention with offsets holds its occurrence before one without is placed', async () => {
    const t = 'Tib met Tib .';
    const ex = await readEntities([`"${t}",Tib,PER,,`, `"${t}",Tib,ORG,0,3`]);
    expect(placed(ex)).toEqual(['Tib/ORG@0', 'Tib/PER@8']);
    const r = new Reporter('strict');
    const t3 = 'Tib met Tib and Tib .';
    const three = await readEntities([`"${t3}",Tib,PER,,`, `"${t3}",Tib,ORG,0,3`], r);
    expect(placed(three)).toEqual(['Tib/ORG@0', 'Tib/PER@8']);
    expect(messages(r, AMBIGUOUS_FIRST)).toEqual(['e.csv:2: mention "Tib" occurs 3 times in the text; 2 are free of other mentions; the first of them, at [8, 11], used (give start and end to choose another)']);
  });

  it('a row repeating another (same text, same type, one occurrence) is one entity, reported', async () => {
    const t = 'Tib met Lunde .';
    const r = new Reporter('strict');
    const ex = await readEntities([`"${t}",Tib,PER,,`, `"${t}",Tib,PER,,`], r);
    expect(placed(ex)).toEqual(['Tib/PER@0']);
    expect(messages(r, REPEATED_ROW)).toEqual(['e.csv:3: mention "Tib" occurs 1 time in the text; PER at [0, 3] is already given by another row']);
  });

  it('a mention found once, free, is placed without a warning', async () => {
    const r = new Reporter('strict');
    const ex = await readEntities(['"Tib met Lunde .",Lunde,LOC,,'], r);
    expect(placed(ex)).toEqual(['Lunde/LOC@8']);
    expect(r.warnings.size).toBe(0);
  });

  it('relation rows keep the rule "nearest to the other argument" and its message', async () => {
    const t = 'Tib met Orla ; Lunde hired Tib .';
    const r = new Reporter('strict');
    const csv = `text,head,head_type,tail,tail_type,relation\n"${t}",Lunde,ORG,Tib,PER,Employs\n`;
    const [ex] = await readAs('csv', 'r.csv', csv, r);
    expect(placed(ex)).toEqual(['Lunde/ORG@15', 'Tib/PER@27']);
    expect([...r.warnings.keys()]).toEqual([RELATION_ARG_WARNING]);
  });

  it('property: a name inside a longer name, also standing alone, never overlaps it, whatever the row order', async () => {
    const word = fc.constantFrom('Avon', 'Lunde', 'Tib', 'Orla', 'Marsh');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('met', 'saw', 'and', 'near'), { minLength: 1, maxLength: 4 }), word, word, fc.boolean(), fc.boolean(), async (fill, a, b, longFirstInText, locRowFirst) => {
        fc.pre(a !== b && !(fill as string[]).includes(a));
        const parts = longFirstInText ? [`${a} ${b}`, ...fill, a] : [a, ...fill, `${a} ${b}`];
        const t = parts.join(' ') + ' .';
        const rows = [`"${t}",${a},LOC,,`, `"${t}",${a} ${b},PER,,`];
        const ex = await readEntities(locRowFirst ? rows : rows.reverse());
        expect(overlapping(ex)).toBe(false);
        const alone = longFirstInText ? t.lastIndexOf(`${a} .`) : 0;
        expect(placed(ex)).toContain(`${a}/LOC@${alone}`);
      }),
      { numRuns: 60, seed: 15 },
    );
  });

  it('property: the occurrence chosen shares no character with a placed span whenever such an occurrence exists (spans touching end to start do not overlap)', () => {
    const span = fc.tuple(fc.nat(20), fc.integer({ min: 1, max: 5 })).map(([s, n]) => [s, s + n] as Occurrence);
    fc.assert(
      fc.property(fc.uniqueArray(span, { minLength: 1, maxLength: 4, selector: (o) => o.join() }), fc.array(span, { maxLength: 3 }), (occ, taken) => {
        occ.sort((a, b) => a[0] - b[0]);
        const placedSpans = taken.map(([start, end]) => ({ start, end, type: 'X' }));
        // Truth from character sets, not from the module's interval test.
        const chars = new Set(taken.flatMap(([s, e]) => Array.from({ length: e - s }, (_, k) => s + k)));
        const isFree = ([s, e]: Occurrence) => Array.from({ length: e - s }, (_, k) => s + k).every((c) => !chars.has(c));
        const got = chooseMentionOccurrence('x'.repeat(30), 'x', 'Y', occ, placedSpans, new Reporter('strict'), {});
        expect(occ).toContainEqual(got);
        const free = occ.filter(isFree);
        if (free.length > 0) expect(got).toEqual(free[0]);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
