import { describe, expect, it } from 'vitest';
import { CLASSES_FOR, misbehave, textKey, WRONG_TYPE, type BadClass } from '../support/bad-answers.js';
import { defaultAnswer } from '../support/llm-test-server.js';

// Requests as spanforge words them (the parts the generators read).
const MARKED = '[Maria Lopez]{Peop#1} works for [Acme]{Org#2} in [Lyon]{Loc#3} .';
const USERS: Record<string, string> = {
  context_rewrites: `Write 2 different rewrites.\n<sentence>${MARKED}</sentence>`,
  entity_replacements: `<sentence>${MARKED}</sentence>\nPropose a replacement for each of: #1 (Peop, now "Maria Lopez"), #3 (Loc, now "Lyon").`,
  mask_fills: '<sentence><Peop> [MASK-1] </Peop> works for <Org> Acme </Org> in <Loc> [MASK-2] </Loc> .</sentence>\nFill slots 1 (Peop), 2 (Loc).',
  long_tail_sentences: 'Relation: Work_For\nExamples:\n- [Maria Lopez]{Peop#1} works for [Acme]{Org#2} .\nWrite 2 new, varied sentences. Mark the head as [..]{Peop#1} and the tail as [..]{Org#2}.',
  entity_free_sentences: 'Write 2 new sentences\n<sentence>Maria Lopez works for Acme in Lyon .</sentence>',
};

const TRAIT: Record<BadClass, (item: string) => boolean> = {
  other_language: (x) => /\b(Laut|Según|Das|El)\b/.test(x),
  other_script: (x) => /\p{Script=Cyrillic}/u.test(x),
  chatter: (x) => /Sure|Okay|Explanation|Let me know|kept every|This version|Rewritten version|hope this|Here:|a new name/.test(x),
  unmarked_name: (x) => /said (Angela Merkel|Nelson Mandela|Boris Yeltsin|Jacques Chirac|Helmut Kohl) \.$/.test(x),
  wrong_type_fill: (x) => /Paris|Germany|Chicago|Microsoft|Reuters|Bill Clinton/.test(x),
  seed_copy: (x) => /Maria Lopez/.test(x),
  named_negative: (x) => /^Officials from (Maria Lopez|Acme|Lyon) /.test(x),
  newline: (x) => /[\r\n]/.test(x),
};

describe('the test server’s bad answer classes', () => {
  for (const [schema, classes] of Object.entries(CLASSES_FOR)) {
    for (const cls of classes) {
      it(`${schema}: ${cls}`, () => {
        const body = { model: 'm', messages: [{ role: 'system', content: '' }, { role: 'user', content: USERS[schema] }] };
        const good = defaultAnswer(body, schema, 'k');
        const m = misbehave(schema, USERS[schema], good, 'k', { rate: 1, classes: [cls] });
        expect(m.items.length).toBeGreaterThan(0);
        expect(m.items.every((it) => it.cls === cls)).toBe(true);
        expect(m.content).not.toBe(good);
        const j = JSON.parse(m.content);
        const items: string[] = j.rewrites ?? j.sentences ?? (j.replacements ?? j.fills).map((f: { text: string }) => f.text);
        expect(items.some(TRAIT[cls]), `${cls}: ${JSON.stringify(items)}`).toBe(true);
        // Rate 0 leaves the answer as it was.
        expect(misbehave(schema, USERS[schema], good, 'k', { rate: 0 }).content).toBe(JSON.stringify(JSON.parse(good)));
      });
    }
  }

  it('a replacement of a bad rewrite inherits its class; expected texts trace candidates', () => {
    const m = misbehave('entity_replacements', USERS.entity_replacements, JSON.stringify({ replacements: [{ id: 1, text: 'Ana Ruiz' }] }), 'k', { rate: 0 }, (e) => (e === textKey('Maria Lopez works for Acme in Lyon .') ? 'chatter' : null));
    expect(m.items).toEqual([{ schema: 'entity_replacements', cls: 'chatter', expected: textKey('Ana Ruiz works for Acme in Lyon .'), from: textKey('Maria Lopez works for Acme in Lyon .') }]);
  });
});

describe('what a right verifier knows of a bad item', () => {
  const body = (schema: string) => ({ model: 'm', messages: [{ role: 'system', content: '' }, { role: 'user', content: USERS[schema] }] });
  const items = (schema: string, cls: BadClass) => misbehave(schema, USERS[schema], defaultAnswer(body(schema), schema, 'k'), 'k', { rate: 1, classes: [cls] }).items;
  it('a wrong-type fill carries a type no schema has, for the filled mention only', () => {
    for (const schema of ['entity_replacements', 'mask_fills', 'long_tail_sentences']) {
      const t = items(schema, 'wrong_type_fill')[0].truth!;
      expect(t.filter((e) => e.type === WRONG_TYPE), schema).toHaveLength(1);
      expect(t.find((e) => e.type === WRONG_TYPE)!.text).toMatch(/Paris|Germany|Chicago|Microsoft|Reuters|Bill Clinton|Jacques Chirac|London|Helmut Kohl|Berlin|Boris Yeltsin|Toyota/);
    }
  });
  it('an unmarked name and a named negative carry the name as an unmarked entity', () => {
    const u = items('context_rewrites', 'unmarked_name')[0].truth!;
    expect(u.some((e) => e.unmarked && /Merkel|Mandela|Yeltsin|Chirac|Kohl/.test(e.text))).toBe(true);
    const n = items('entity_free_sentences', 'named_negative')[0].truth!;
    expect(n).toEqual([{ text: expect.stringMatching(/Lopez|Acme|Lyon/), type: 'ORG', unmarked: true }]);
  });
  it('good items and classes a verifier need not judge carry no truth', () => {
    expect(items('context_rewrites', 'chatter').every((it) => it.truth === undefined)).toBe(true);
  });
});
