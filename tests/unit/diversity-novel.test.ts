import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/core/model.js';
import { DiversityCollector } from '../../src/report/diversity.js';
import { rngFor } from '../../src/core/random.js';

const ex = (tokens: string[], type: string, end = 1): Example => ({ id: tokens.join(' '), tokens, entities: [{ start: 0, end, type }], relations: [] });

describe('DiversityCollector novel_mention_share', () => {
  it('counts a mention as seen when the seeds have its text (in any case) under the same type', () => {
    const d = new DiversityCollector(rngFor(1, 'test'));
    d.addSeed(ex(['New', 'York', 'is', 'big'], 'LOC', 2));
    d.addSeed(ex(['Paris', 'is', 'big'], 'LOC'));
    // Seen: PARIS as LOC, new york as LOC. Novel: Paris as PER, Lyon as LOC.
    for (const o of [ex(['PARIS', 'is', 'big'], 'LOC'), ex(['new', 'york', 'is', 'big'], 'LOC', 2), ex(['Paris', 'said', 'so'], 'PER'), ex(['Lyon', 'is', 'big'], 'LOC')]) d.addOutput(o);
    expect(d.result().novel_mention_share).toBe(0.5);
  });
});
