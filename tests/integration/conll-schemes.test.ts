import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';

// The same two sentences in every scheme, tab-separated with a POS column.
const SENTS = [
  ['John NNP PER-1', 'Smith NNP PER-2', 'met VBD O', 'Ann NNP PER-1', 'in IN O', 'New NNP LOC-1', 'York NNP LOC-2', '. . O'],
  ['EU NNP ORG-1', 'rejects VBZ O', 'German JJ MISC-1', 'call NN O'],
];
function render(scheme: 'IOB1' | 'IOB2' | 'BIOES' | 'BILOU', sep: string): string {
  return SENTS.map((s) =>
    s
      .map((line, i) => {
        const [tok, pos, lab] = line.split(' ');
        if (lab === 'O') return [tok, pos, 'O'].join(sep);
        const [type, k] = lab.split('-');
        const next = s[i + 1]?.split(' ')[2] ?? 'O';
        const cont = next.startsWith(`${type}-`) && next.endsWith('-2');
        const first = k === '1';
        const prevLab = s[i - 1]?.split(' ')[2] ?? 'O';
        let tag: string;
        if (scheme === 'IOB2') tag = (first ? 'B-' : 'I-') + type;
        else if (scheme === 'IOB1') tag = (first && prevLab.startsWith(type) ? 'B-' : 'I-') + type;
        else {
          const single = first && !cont;
          const [b, i2, e, u] = scheme === 'BIOES' ? ['B', 'I', 'E', 'S'] : ['B', 'I', 'L', 'U'];
          tag = (single ? u : first ? b : cont ? i2 : e) + '-' + type;
        }
        return [tok, pos, tag].join(sep);
      })
      .join('\n') + '\n\n',
  ).join('');
}

describe('CoNLL tag schemes and separators', () => {
  for (const scheme of ['IOB1', 'IOB2', 'BIOES', 'BILOU'] as const) {
    it(`${scheme}, tab-separated: detected, round-tripped byte for byte, and converted to every other scheme without a span moving`, async () => {
      const dir = tmpDir();
      const src = path.join(dir, `in.${scheme}.conll`);
      writeFileSync(src, render(scheme, '\t'));
      const same = path.join(dir, 'same.conll');
      expect((await cli('convert', src, same)).code).toBe(0);
      expect(readFileSync(same, 'utf8')).toBe(readFileSync(src, 'utf8'));
      const spans = JSON.parse((await cli('stats', src, '--json')).stdout).entities;
      expect(spans).toEqual({ PER: 2, LOC: 1, ORG: 1, MISC: 1 });
      for (const target of ['IOB1', 'IOB2', 'BIOES', 'BILOU'] as const) {
        const out = path.join(dir, `to.${target}.conll`);
        expect((await cli('convert', src, out, '--scheme', target)).code).toBe(0);
        expect(readFileSync(out, 'utf8')).toBe(render(target, '\t'));
      }
    });
  }
});

describe('--scheme where the output has no tags', () => {
  it('is refused for span formats, taken by spert-tags', async () => {
    const dir = tmpDir();
    const src = path.join(dir, 'in.conll');
    writeFileSync(src, render('IOB2', '\t'));
    const spans = await cli('convert', src, path.join(dir, 'o.json'), '--to', 'spert', '--scheme', 'BIOES');
    expect(spans.code).toBe(1);
    expect(spans.stderr).toBe('spanforge: error: --scheme applies to tagged output (conll, spert-tags); spert writes spans, not tags\n');
    const tags = path.join(dir, 't.json');
    expect((await cli('convert', src, tags, '--to', 'spert-tags', '--scheme', 'BIOES')).code).toBe(0);
    expect(JSON.parse(readFileSync(tags, 'utf8'))[0].tags.some((t: string) => t.startsWith('S-') || t.startsWith('E-'))).toBe(true);
  });
});
