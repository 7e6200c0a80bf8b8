import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { convert } from '../../src/commands/convert.js';
import { data, tmpDir } from '../support/paths.js';
import { cli } from '../support/cli.js';

interface Mention { pos: [number, number]; sent_id: number; type: string }
interface DocredDoc { title: string; sents: string[][]; vertexSet: Mention[][]; labels?: unknown[] }

/** A DocRED document's entities as the file says, independent of our reader: each vertex as
 *  its sorted mentions, the vertices sorted. */
const vertices = (d: DocredDoc) => d.vertexSet.map((v) => v.map((m) => `${m.sent_id}:${m.pos[0]}:${m.pos[1]}:${m.type}`).sort().join(' ')).sort();

/** CoNLL text as a plain reader sees it: documents of sentences of [token, tag] (middle columns left out). */
function conllDocuments(text: string): string[][][][] {
  const docs: string[][][][] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines[0].startsWith('-DOCSTART-')) {
      docs.push([]);
      lines.shift();
      if (lines.length === 0) continue;
    }
    if (docs.length === 0) docs.push([]);
    docs[docs.length - 1].push(lines.map((l) => { const c = l.split(/\s+/); return [c[0], c[c.length - 1]]; }));
  }
  return docs;
}

describe('documents and coreference across formats, on the real data', () => {
  it('DocRED dev -> DyGIE -> DocRED: every entity keeps its mentions (DyGIE clusters), 500 documents', async () => {
    const dir = tmpDir();
    const dy = path.join(dir, 'dev.jsonl');
    const back = path.join(dir, 'back.json');
    await convert(data('docred/dev_revised.json'), dy, { to: 'dygie', lossy: true });
    await convert(dy, back, { to: 'docred' });
    const orig = JSON.parse(readFileSync(data('docred/dev_revised.json'), 'utf8')) as DocredDoc[];
    const dygie = readFileSync(dy, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sentences: string[][]; clusters: number[][][] });
    const round = JSON.parse(readFileSync(back, 'utf8')) as DocredDoc[];
    expect(round.map(vertices)).toEqual(orig.map(vertices));
    expect(round.map((d) => d.sents)).toEqual(orig.map((d) => d.sents));
    // DyGIE's clusters are DocRED's entities of several mentions, at document-level inclusive offsets.
    orig.forEach((d, k) => {
      const starts = d.sents.map((_, i) => d.sents.slice(0, i).reduce((n, s) => n + s.length, 0));
      const want = d.vertexSet.filter((v) => v.length > 1).map((v) => v.map((m) => `${starts[m.sent_id] + m.pos[0]},${starts[m.sent_id] + m.pos[1] - 1}`).sort().join(' ')).sort();
      const got = dygie[k].clusters.map((c) => c.map(([s, e]) => `${s},${e}`).sort().join(' ')).sort();
      expect(got, d.title).toEqual(want);
    });
  });

  it('CoNLL-2003 valid -> DyGIE -> CoNLL: one document per -DOCSTART-, and back with the same tokens, tags and markers', async () => {
    const dir = tmpDir();
    const dy = path.join(dir, 'valid.jsonl');
    const back = path.join(dir, 'valid.txt');
    await convert(data('conll2003/valid.txt'), dy, { to: 'dygie' });
    await convert(dy, back, { to: 'conll' });
    const orig = conllDocuments(readFileSync(data('conll2003/valid.txt'), 'utf8'));
    const dygie = readFileSync(dy, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sentences: string[][] });
    expect(orig.length).toBe((readFileSync(data('conll2003/valid.txt'), 'utf8').match(/^-DOCSTART-/gm) ?? []).length);
    expect(dygie.map((d) => d.sentences)).toEqual(orig.map((d) => d.map((s) => s.map(([t]) => t))));
    expect(conllDocuments(readFileSync(back, 'utf8'))).toEqual(orig);
  });

  it('DocRED -> CoNLL -> DocRED keeps the 500 documents and their sentences', async () => {
    const dir = tmpDir();
    const c = path.join(dir, 'dev.txt');
    const back = path.join(dir, 'back.json');
    await convert(data('docred/dev_revised.json'), c, { to: 'conll', lossy: true });
    await convert(c, back, { to: 'docred' });
    const orig = JSON.parse(readFileSync(data('docred/dev_revised.json'), 'utf8')) as DocredDoc[];
    const round = JSON.parse(readFileSync(back, 'utf8')) as DocredDoc[];
    expect(round.map((d) => d.sents.map((s) => s.length))).toEqual(orig.map((d) => d.sents.map((s) => s.length)));
  });

  it('the first DocRED document to SpERT: its coreference is refused without --lossy, counted with it', async () => {
    const dir = tmpDir();
    const one = path.join(dir, 'doc0.json');
    const [first] = JSON.parse(readFileSync(data('docred/dev_revised.json'), 'utf8')) as DocredDoc[];
    writeFileSync(one, JSON.stringify([{ ...first, labels: [] }]));
    const out = path.join(dir, 'doc0.spert.json');
    const refused = await cli('convert', one, out, '--to', 'spert');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`SpERT JSON cannot hold coreference clusters (which mentions name one entity) (example ${first.title}); pass --lossy`);
    const r = await cli('convert', one, out, '--to', 'spert', '--lossy');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`dropped ${first.vertexSet.filter((v) => v.length > 1).length} coreference clusters (--lossy)`);
  });
});
