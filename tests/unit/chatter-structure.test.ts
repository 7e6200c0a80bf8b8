import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { exampleFromMarkup } from '../../src/llm/markup.js';
import { structuralChatter } from '../../src/filters/chatter-structure.js';
import { leakedChatter } from '../../src/filters/text-checks.js';
import { checkMention, replaceMentions } from '../../src/ops/sentence/mention-check.js';
import { CHATTER_FORMS, MENTION_CHATTER } from '../support/bad-answers.js';
import { lopezSeed } from '../support/lopez.js';

const seed: Example = lopezSeed([{ head: 0, tail: 1, type: 'Work_For' }]);
const GOOD = 'In [Lyon]{Loc#3} , [Acme]{Org#2} employs [Maria Lopez]{Peop#1} .';

/** The reason a rewrite is rejected by the parser, then by the structural check ('ok': kept). */
function judge(text: string, s: Example = seed): string {
  const r = exampleFromMarkup(s, text, { sameText: true });
  if (!('example' in r)) return r.reason;
  return structuralChatter(r.example, s)?.reason ?? 'ok';
}

describe('chatter found by where it sits', () => {
  it('rejects every chatter form the test server writes around a good rewrite', () => {
    for (const form of CHATTER_FORMS) expect(judge(form(GOOD)), form(GOOD)).not.toBe('ok');
  });

  it('catches the forms a phrase list misses, each with its reason', () => {
    const cases: Array<[string, string]> = [
      [`${GOOD} (I kept every marked entity unchanged.)`, 'chatter_remark'],
      [`${GOOD} Explanation: I replaced a few words outside the marked entities.`, 'chatter_note'],
      [`Okay, here you go - ${GOOD}`, 'chatter_lead_in'],
      [`${GOOD} Let me know if you need more variations!`, 'chatter_note'],
      [`${GOOD} I hope this helps.`, 'chatter_note'],
      [`Formal version: ${GOOD}`, 'chatter_lead_in'],
    ];
    for (const [text, reason] of cases) {
      const r = exampleFromMarkup(seed, text, { sameText: true }) as { example: Example };
      expect(leakedChatter(r.example, [], seed), text).toBeNull();
      expect(structuralChatter(r.example, seed)?.reason, text).toBe(reason);
    }
  });

  it('finds a note glued to a seed without end punctuation', () => {
    const headline: Example = { id: 'h', tokens: ['Acme', 'opens', 'in', 'Lyon'], entities: [{ start: 0, end: 1, type: 'Org' }, { start: 3, end: 4, type: 'Loc' }], relations: [] };
    expect(judge('[Acme]{Org#1} opens a plant in [Lyon]{Loc#2} Let me know if you need more variations!', headline)).toBe('chatter_note');
    expect(judge('[Acme]{Org#1} opens a plant in [Lyon]{Loc#2} Explanation: I replaced one word.', headline)).toBe('chatter_note');
  });

  it('keeps good rewrites: dialogue, questions, datelines, added context, remarks about the world', () => {
    const good = [
      GOOD,
      '[Maria Lopez]{Peop#1} is employed by [Acme]{Org#2} , a firm based in [Lyon]{Loc#3} . The company was founded decades ago .',
      '" I work for [Acme]{Org#2} in [Lyon]{Loc#3} , " said [Maria Lopez]{Peop#1} .',
      'Does [Maria Lopez]{Peop#1} still work for [Acme]{Org#2} in [Lyon]{Loc#3} ?',
      'LYON - [Maria Lopez]{Peop#1} works for [Acme]{Org#2} in [Lyon]{Loc#3} .',
      'Breaking : [Maria Lopez]{Peop#1} joins [Acme]{Org#2} in [Lyon]{Loc#3} .',
      '[Maria Lopez]{Peop#1} works for [Acme]{Org#2} ( a robotics firm ) in [Lyon]{Loc#3} .',
      '[Maria Lopez]{Peop#1} works for [Acme]{Org#2} in [Lyon]{Loc#3} . Prices there remained unchanged .',
      'You may know that [Maria Lopez]{Peop#1} works for [Acme]{Org#2} in [Lyon]{Loc#3} .',
      '[Maria Lopez]{Peop#1} , who is 34 , works for [Acme]{Org#2} in [Lyon]{Loc#3} - and loves it .',
      'Working for [Acme]{Org#2} in [Lyon]{Loc#3} , [Maria Lopez]{Peop#1} says she feels at home . Many colleagues agree .',
    ];
    for (const g of good) expect(judge(g), g).toBe('ok');
  });

  it('a word the seed itself has is never chatter', () => {
    const courts: Example = { id: 'c', tokens: ['Note', ':', 'the', 'sentence', 'of', 'Maria', 'Lopez', 'was', 'upheld', '.'], entities: [{ start: 5, end: 7, type: 'Peop' }], relations: [] };
    expect(judge('Note : the court upheld the sentence of [Maria Lopez]{Peop#1} .', courts)).toBe('ok');
  });
});

describe('chatter inside a mention', () => {
  it('a generated mention with chatter is rejected by the mention check', () => {
    for (const form of MENTION_CHATTER) expect(checkMention(form('Bank of Canada'), 'Acme')?.reason, form('Bank of Canada')).toBe('chatter_in_mention');
    expect(checkMention('Bank of Canada', 'Acme')).toBeNull();
    // A colon the old mention has too is the name's own.
    expect(checkMention('Star Wars: Episode IV', 'Star Trek: The Motion Picture')).toBeNull();
  });

  it('a candidate whose new mention holds chatter is rejected by the structural check', () => {
    const cand = replaceMentions(seed, new Map([[1, 'Sure ! Bank of Canada']]));
    expect(structuralChatter(cand, seed)?.reason).toBe('chatter_in_mention');
    expect(structuralChatter(replaceMentions(seed, new Map([[1, 'Bank of Canada']])), seed)).toBeNull();
  });

  it('a line break in a mention is whitespace, not a token', () => {
    expect(checkMention('Bank of\nCanada', 'Acme')).toBeNull();
    const cand = replaceMentions(seed, new Map([[1, 'Bank of\nCanada\n']]));
    expect(cand.tokens).toEqual(['Maria', 'Lopez', 'works', 'for', 'Bank', 'of', 'Canada', 'in', 'Lyon', '.']);
  });
});

describe('a second paragraph', () => {
  it('is rejected where the seed is one sentence; a line break inside a sentence is whitespace', () => {
    expect(judge(`${GOOD}\n\nThe company was founded decades ago .`)).toBe('extra_paragraph');
    expect(judge(`${GOOD}\nThe company was founded decades ago .`)).toBe('extra_paragraph');
    expect(judge('In [Lyon]{Loc#3} ,\n[Acme]{Org#2} employs\r\n[Maria Lopez]{Peop#1} .\n')).toBe('ok');
  });

  it('is allowed where the seed has as many sentences', () => {
    const two: Example = { ...seed, tokens: [...seed.tokens, 'She', 'likes', 'it', '.'] };
    expect(judge(`${GOOD}\nShe enjoys it a lot .`, two)).toBe('ok');
  });
});
