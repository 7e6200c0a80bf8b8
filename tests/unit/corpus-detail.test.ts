import { describe, expect, it } from 'vitest';
import { CorpusBuilder } from '../../src/ops/corpus.js';
import { corpusDetailsFor } from '../../src/ops/corpus-detail.js';
import type { Example } from '../../src/core/model.js';

const ex: Example = { id: 'a', tokens: ['He', 'met', 'John', 'Smith', 'today', '.'], entities: [{ start: 2, end: 4, type: 'PER' }], relations: [] };

describe('corpus statistics collected per recipe', () => {
  it('the operations that read frames or mention info ask for them; others for neither', () => {
    expect([...corpusDetailsFor(['label_wise_token_replacement_v2'])]).toEqual(['frames', 'outsideTags', 'mentions']);
    expect([...corpusDetailsFor(['mention_replacement_v2'])]).toEqual(['mentionInfo', 'mentions']);
    expect([...corpusDetailsFor(['long_tail_v1', 'char_noise_v1'])]).toEqual(['mentionInfo', 'mentions']);
    expect(corpusDetailsFor(['char_noise_v1', 'token_noise_v2']).size).toBe(0);
  });

  it('the mentions are skipped only when no operation may read them (an unknown or model operation gets them)', () => {
    expect([...corpusDetailsFor(['char_noise_v2', 'token_noise_v2', 'synonym_replacement_v2', 'shuffle_within_segments_v2'])]).toEqual([]);
    for (const op of ['entity_swap_v1', 'llm_rewrite_v1', 'no_such_op']) expect([...corpusDetailsFor(['char_noise_v2', op])], op).toEqual(['mentions']);
    const b = new CorpusBuilder([]);
    b.add(ex);
    const c = b.build();
    expect(() => c.mentions).toThrow(/mentions was not collected.*MENTION_FREE/);
    expect(() => c.mentionColumns).toThrow(/mentionColumns was not collected/);
    expect(() => c.factNames).toThrow(/factNames was not collected/);
    expect(c.labelTokens.get('I-PER')).toEqual(['Smith']);
    const all = new CorpusBuilder(['mentions']);
    all.add(ex);
    expect(all.build().mentions.get('PER')).toEqual([['John', 'Smith']]);
  });

  it('a part not collected throws when read, naming what to fix; a collected one is there', () => {
    const b = new CorpusBuilder(['frames']);
    b.add(ex);
    const c = b.build();
    expect(c.frames.get('john\u0000today')).toEqual(new Set(['smith']));
    expect(() => c.mentionInfo).toThrow(/mentionInfo was not collected.*corpus-detail/);
    expect(() => c.outsideTags).toThrow(/outsideTags was not collected/);
    expect(c.labelTokens.get('B-PER')).toEqual(['John']);
  });

  it('without a list, everything is collected (library and tests)', () => {
    const b = new CorpusBuilder();
    b.add(ex);
    const c = b.build();
    expect(c.mentionInfo.get('John\u0001Smith')?.counts.get('PER')).toBe(1);
    expect(c.frames.size).toBe(6);
    expect(c.outsideTags).toEqual(['', '', '', '']);
  });

  it('the POS of outside tokens is collected when asked for', () => {
    const b = new CorpusBuilder(['outsideTags']);
    b.add({ ...ex, columns: [['PRP'], ['VBD'], ['NNP'], ['NNP'], ['NN'], ['.']] });
    expect(b.build().outsideTags).toEqual(['PRP', 'VBD', 'NN', '.']);
  });
});
