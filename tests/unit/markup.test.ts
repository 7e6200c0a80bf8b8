import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { entityText } from '../../src/core/model.js';
import { exampleFromMarkup, parseMarkup, renderMarkup } from '../../src/llm/markup.js';
import { checkMention } from '../../src/ops/sentence/mention-check.js';
import { linearise } from '../../src/ops/sentence/entity-replacement.js';
import { lopezSeed } from '../support/lopez.js';

const seed: Example = lopezSeed([{ head: 0, tail: 1, type: 'Work_For' }, { head: 1, tail: 2, type: 'OrgBased_In' }]);

describe('entity markup', () => {
  it('renders every entity with its type and id', () => {
    expect(renderMarkup(seed)).toBe('[Maria Lopez]{Peop#1} works for [Acme]{Org#2} in [Lyon]{Loc#3} .');
  });

  it('parses a rewrite back into tokens, spans and relations that follow their arguments by id', () => {
    const r = exampleFromMarkup(seed, 'In [Lyon]{Loc#3}, [Acme]{Org#2} employs [Maria Lopez]{Peop#1}.', { sameText: true });
    expect('example' in r).toBe(true);
    const ex = (r as { example: Example }).example;
    expect(ex.entities.map((e) => `${entityText(ex, e)}:${e.type}`)).toEqual(['Lyon:Loc', 'Acme:Org', 'Maria Lopez:Peop']);
    const rel = ex.relations.map((x) => `${entityText(ex, ex.entities[x.head])}-${x.type}->${entityText(ex, ex.entities[x.tail])}`);
    expect(rel).toEqual(['Maria Lopez-Work_For->Acme', 'Acme-OrgBased_In->Lyon']);
    expect(ex.tokens.join(' ')).toBe('In Lyon , Acme employs Maria Lopez .');
  });

  const reject = (text: string, sameText = true) => exampleFromMarkup(seed, text, { sameText }) as { reason: string; detail: string };
  it('rejects a dropped entity', () => expect(reject('[Maria Lopez]{Peop#1} works for Acme in [Lyon]{Loc#3}.').reason).toBe('missing_entity'));
  it('rejects an invented entity', () => expect(reject('[Maria Lopez]{Peop#1} of [Acme]{Org#2} in [Lyon]{Loc#3} met [Bob]{Peop#4}.').reason).toBe('invented_entity'));
  it('rejects a duplicated entity', () => expect(reject('[Maria Lopez]{Peop#1} and [Maria Lopez]{Peop#1} of [Acme]{Org#2} in [Lyon]{Loc#3}.').reason).toBe('duplicated_entity'));
  it('takes a type written in another case as the same type', () => {
    const r = exampleFromMarkup(seed, 'In [Lyon]{LOC#3}, [Acme]{org#2} employs [ Maria Lopez ]{Peop#1}.', { sameText: true });
    expect('example' in r).toBe(true);
    expect((r as { example: Example }).example.entities.map((e) => e.type)).toEqual(['Loc', 'Org', 'Peop']);
  });
  it('rejects a re-typed entity', () => expect(reject('[Maria Lopez]{Peop#1} works for [Acme]{Loc#2} in [Lyon]{Loc#3}.').reason).toBe('retyped_entity'));
  it('rejects a changed mention in a context rewrite', () => expect(reject('[Mary Lopez]{Peop#1} works for [Acme]{Org#2} in [Lyon]{Loc#3}.').reason).toBe('changed_entity_text'));
  it('rejects broken markup', () => expect(reject('[Maria Lopez]{Peop#1} works for [Acme]{Org#2 in [Lyon]{Loc#3}.').reason).toBe('broken_markup'));
  it('rejects text identical to the seed', () => expect(reject('[Maria Lopez]{Peop#1} works  for [Acme]{Org#2} in [Lyon]{Loc#3} .').reason).toBe('identical_to_seed'));
  it('rejects an empty answer', () => expect(reject('   ').reason).toBe('empty_output'));

  it('parseMarkup keeps text outside marks exactly', () => {
    const p = parseMarkup('a [b c]{X#1} d');
    expect(p).toEqual({ ok: true, text: 'a b c d', mentions: [{ start: 2, end: 5, type: 'X', id: 1, text: 'b c' }] });
  });
});

describe('the model\'s text is normalised before it becomes tokens', () => {
  // A long-tail frame: two entities, the text is the model's own (sameText: false).
  const frame: Example = { id: 'f', tokens: ['_'], entities: [{ start: 0, end: 1, type: 'PER' }, { start: 0, end: 1, type: 'LOC' }], relations: [{ head: 0, tail: 1, type: 'Live_In' }] };
  const parse = (text: string, ex = frame, sameText = false) => exampleFromMarkup(ex, text, { sameText });
  const reason = (text: string, ex = frame, sameText = false) => (parse(text, ex, sameText) as { reason?: string }).reason ?? 'ok';

  it('rejects a mention whose edge falls inside a word, instead of keeping half of it', () => {
    expect(reason('[Oba]{PER#1}ma lives in [Paris]{LOC#2} .')).toBe('mention_inside_word');
    expect(reason('Oba[ma]{PER#1} lives in [Paris]{LOC#2} .')).toBe('mention_inside_word');
    expect(reason('[Obama]{PER#1} lives in [Par]{LOC#2}is .')).toBe('mention_inside_word');
    // In a context rewrite too, before the text comparison would call it a changed entity.
    expect(reason('In [Lyon]{Loc#3}, [Acme]{Org#2} employs [Maria Lo]{Peop#1}pez.', seed, true)).toBe('mention_inside_word');
    expect((parse('[Oba]{PER#1}ma lives in [Paris]{LOC#2} .') as { detail: string }).detail).toContain('"Obama"');
    expect(reason("[Obama]{PER#1}'s home is [Paris]{LOC#2}.")).toBe('ok');
  });

  it('rejects stray brackets the seed does not have', () => {
    expect(reason('[Obama]{PER#1} lives in [Paris]{LOC#2} [today .')).toBe('stray_bracket');
    expect(reason('[Obama]{PER#1} lives } in [Paris]{LOC#2} .')).toBe('stray_bracket');
    expect(reason('[Obama]{PER#1} lives in [Paris]{LOC#2} ] .')).toBe('stray_bracket');
    const withBracket: Example = { ...seed, tokens: ['[', '1', ']', ...seed.tokens], entities: seed.entities.map((e) => ({ ...e, start: e.start + 3, end: e.end + 3 })) };
    expect(reason('[1] In [Lyon]{Loc#3}, [Acme]{Org#2} employs [Maria Lopez]{Peop#1}.', withBracket, true)).toBe('ok');
  });

  it('rejects lines of commentary before or after the answer', () => {
    expect(reason('[Obama]{PER#1} lives in [Paris]{LOC#2} .\nNote: I kept both entities.')).toBe('trailing_chatter');
    expect(reason('[Obama]{PER#1} lives in [Paris]{LOC#2} .\n\nI changed the verb to keep it natural.')).toBe('trailing_chatter');
    expect(reason('[Obama]{PER#1} lives in [Paris]{LOC#2} .\n---\nExplanation: simpler.')).toBe('trailing_chatter');
    expect(reason('Sure! Here is the new sentence:\n[Obama]{PER#1} lives in [Paris]{LOC#2} .')).toBe('leading_chatter');
  });

  it('never makes a token of whitespace or a line break', () => {
    const r = parse('[Obama]{PER#1}\n\nlives  in\t[New\nYork]{LOC#2}\n.\n');
    const ex = (r as { example: Example }).example;
    expect(ex.tokens).toEqual(['Obama', 'lives', 'in', 'New', 'York', '.']);
    expect(ex.entities.map((e) => entityText(ex, e))).toEqual(['Obama', 'New York']);
    expect(ex.spaces).toEqual([true, true, true, true, true, false]);
  });
});

describe('a mention that ends in a glued period', () => {
  it('keeps the period out of the entity when the tokenizer splits it off', () => {
    const glued: Example = { id: 'g', tokens: ['He', 'testified', 'before', 'the', 'Warren', 'Commission.'], entities: [{ start: 4, end: 6, type: 'Org' }], relations: [] };
    const r = exampleFromMarkup(glued, 'Last year he testified before the [Warren Commission.]{Org#1}', { sameText: true }) as { example: Example };
    expect(r.example.tokens).toEqual(['Last', 'year', 'he', 'testified', 'before', 'the', 'Warren', 'Commission', '.']);
    expect(r.example.entities).toEqual([{ start: 6, end: 8, type: 'Org' }]);
    // A one-token abbreviation keeps its period (the tokenizer keeps "Inc." whole).
    const inc: Example = { id: 'i', tokens: ['She', 'joined', 'Acme', 'Inc.'], entities: [{ start: 2, end: 4, type: 'Org' }], relations: [] };
    const s = exampleFromMarkup(inc, 'Then she joined [Acme Inc.]{Org#1}', { sameText: true }) as { example: Example };
    expect(s.example.tokens).toEqual(['Then', 'she', 'joined', 'Acme', 'Inc.']);
    expect(s.example.entities).toEqual([{ start: 3, end: 5, type: 'Org' }]);
  });
});

describe('generated mentions (MELM#3)', () => {
  it('rejects empty, garbled, mixed-script, marked-up and unchanged mentions; keeps good ones', () => {
    expect(checkMention('  ', 'Acme')?.reason).toBe('empty_mention');
    expect(checkMention('Acme株式会社', 'Acme')?.reason).toBe('mixed_script');
    expect(checkMention('[Acme]{Org#2}', 'X')?.reason).toBe('broken_markup');
    expect(checkMention('acme', 'Acme')?.reason).toBe('unchanged_entity');
    expect(checkMention('...', 'Acme')?.reason).toBe('empty_mention');
    expect(checkMention('Globex Corporation', 'Acme')).toBeNull();
    expect(checkMention('株式会社トヨタ', 'Acme')).toBeNull();
    expect(checkMention('Москва', 'Acme')).toBeNull();
  });

  it('linearises a sentence with labels and masked slots, MELM style', () => {
    expect(linearise(seed, new Map([[0, 1], [2, 2]]))).toBe('<Peop> [MASK-1] </Peop> works for <Org> Acme </Org> in <Loc> [MASK-2] </Loc> .');
  });
});
