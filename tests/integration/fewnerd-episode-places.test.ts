import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';
import { getFormat } from '../../src/formats/registry.js';
import { withSeedPlace } from '../../src/formats/episode-place.js';
import { startTestServer } from '../support/llm-test-server.js';
import type { Example } from '../../src/core/model.js';
import type { WriteOptions } from '../../src/formats/types.js';

// Invented Few-NERD episodes (IO labels): two episodes, two support sentences and one query each.
const s = (words: string, labels: string) => [words.split(' '), labels.split(' ')] as const;
const part = (...ss: Array<readonly [string[], string[]]>) => ({ word: ss.map((x) => x[0]), label: ss.map((x) => x[1]) });
const EPISODES = [
  {
    support: part(s('Marlowe rowed to Tessvik at dawn', 'person O O location O O'), s('Quillan met Orbey near Tessvik', 'person O person O location')),
    query: part(s('Dunmere left Pollard Bay', 'person O location location')),
    types: ['location', 'person'],
  },
  {
    support: part(s('Vantrel sold grain in Hobbeck', 'person O O O location'), s('The Hobbeck fair drew Sallow', 'O location O O person')),
    query: part(s('Corvey reached Hobbeck late', 'person O location O')),
    types: ['location', 'person'],
  },
];
const SENTENCES = EPISODES.reduce((n, e) => n + e.support.word.length + e.query.word.length, 0);

function episodesFile(dir: string): string {
  const file = path.join(dir, 'episodes.jsonl');
  writeFileSync(file, EPISODES.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return file;
}

/** Sentences of a CoNLL text, re-derived from its blank-line-separated token lines. */
const conllSentences = (text: string) => text.split(/\n\s*\n/).filter((b) => b.trim() !== '' && !b.startsWith('-DOCSTART-'));

describe('Few-NERD episodes written where no episode fits', () => {
  it('to CoNLL: refused without --lossy (no file), counted per sentence with it', async () => {
    const dir = tmpDir('fewnerd-places');
    const input = episodesFile(dir);
    const out = path.join(dir, 'x.conll');
    const r = await cli('convert', input, out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/conll output cannot hold Few-NERD episodes \(this sentence is in the support set of episode 0; .*\(example 0\/support\/0\); pass --lossy/);
    expect(existsSync(out)).toBe(false);
    const lossy = await cli('convert', input, out, '--lossy');
    expect(lossy.code, lossy.stderr).toBe(0);
    expect(lossy.stderr).toContain(`dropped ${SENTENCES} sentence places in Few-NERD episodes (episode, support or query) (--lossy)`);
    expect(conllSentences(readFileSync(out, 'utf8'))).toHaveLength(SENTENCES);
  });

  it('to SpERT JSON: refused the same way', async () => {
    const dir = tmpDir('fewnerd-places-spert');
    const r = await cli('convert', episodesFile(dir), path.join(dir, 'x.json'), '--to', 'spert');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/spert output cannot hold Few-NERD episodes/);
  });

  it('sentences in no episode are not written as one episode: refused, with how to make episodes', async () => {
    const dir = tmpDir('fewnerd-noplace');
    const conll = path.join(dir, 'plain.conll');
    writeFileSync(conll, 'Marlowe B-person\nrowed O\n\nTessvik B-location\nwaits O\n\n');
    const out = path.join(dir, 'back.jsonl');
    const r = await cli('convert', conll, out, '--to', 'fewnerd');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Few-NERD episodes need each sentence's episode and set \(support or query\), and example 0 has none/);
    expect(r.stderr).toContain('spanforge fewshot --input');
    expect(existsSync(out)).toBe(false);
    // --lossy leaves such sentences out: with none left there is nothing to write.
    const lossy = await cli('convert', conll, out, '--to', 'fewnerd', '--lossy');
    expect(lossy.code).not.toBe(0);
    expect(lossy.stderr).toMatch(/none of the 2 sentences is in a Few-NERD episode/);
    expect(existsSync(out)).toBe(false);
  });

  it('Few-NERD to Few-NERD keeps every episode, its support and its query', async () => {
    const dir = tmpDir('fewnerd-same');
    const out = path.join(dir, 'same.jsonl');
    const r = await cli('convert', episodesFile(dir), out, '--to', 'fewnerd');
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(EPISODES);
  });
});

/** A sentence of episode `episode`'s `set`, with the given entities. */
const placed = (id: string, tokens: string, entities: Example['entities'], episode = 0, set: 'support' | 'query' = 'support'): Example => ({
  id,
  tokens: tokens.split(' '),
  entities,
  relations: [],
  extra: { fewnerd: { episode, set } },
});

async function writeText(format: string, exs: Example[], opts: WriteOptions) {
  let text = '';
  const summary = await getFormat(format).write(exs, { write: (c: string) => void (text += c) }, opts);
  return { text, summary };
}

describe('an entity of type "O" in IO labels (O is outside)', () => {
  const exs = () => [placed('a', 'Marlowe rowed to Tessvik', [{ start: 0, end: 1, type: 'person' }, { start: 3, end: 4, type: 'O' }]), placed('b', 'Quillan waits', [], 0, 'query')];

  it('Few-NERD: refused without --lossy; with it counted, the other entities written', async () => {
    await expect(writeText('fewnerd', exs(), {})).rejects.toThrow(/Few-NERD episodes cannot hold an entity of type "O" in IO labels .*\(example a\); pass --lossy/);
    const { text, summary } = await writeText('fewnerd', exs(), { lossy: true });
    expect(summary.dropped['entities whose type a tag cannot hold']).toBe(1);
    // Re-derived from the written line: person is the only label other than O.
    const ep = JSON.parse(text.trim());
    expect(ep.support.label).toEqual([['person', 'O', 'O', 'O']]);
    expect(ep.query.word).toEqual([['Quillan', 'waits']]);
  });

  it('CoNLL with IO tags: refused the same way; IOB2 writes B-O, which reads back as the type', async () => {
    const plain = exs().map(({ extra: _e, ...ex }) => ex);
    await expect(writeText('conll', plain, { scheme: 'IO' })).rejects.toThrow(/CoNLL cannot hold the entity type "O" in a tag column \(IO reads it as no entity\) \(example a\)/);
    const { text, summary } = await writeText('conll', plain, { scheme: 'IO', lossy: true });
    expect(summary.dropped['entities whose type a tag cannot hold']).toBe(1);
    expect(text.split('\n').slice(0, 4).map((l) => l.split(' ')[1])).toEqual(['person', 'O', 'O', 'O']);
    expect((await writeText('conll', plain, {})).text.split('\n')[3]).toBe('Tessvik B-O');
  });

  it('SpERT tags with --scheme IO: refused without --lossy, counted with it; BILOU writes U-O', async () => {
    const dir = tmpDir('spert-tags-o');
    const input = path.join(dir, 'o.json');
    writeFileSync(input, JSON.stringify([{ tokens: ['Marlowe', 'rowed', 'to', 'Tessvik'], entities: [{ type: 'O', start: 3, end: 4 }, { type: 'person', start: 0, end: 1 }], relations: [] }]));
    const out = path.join(dir, 'o.tags.json');
    const r = await cli('convert', input, out, '--to', 'spert-tags', '--scheme', 'IO');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SpERT tag variant cannot hold an entity of type "O" in IO labels/);
    expect(existsSync(out)).toBe(false);
    const lossy = await cli('convert', input, out, '--to', 'spert-tags', '--scheme', 'IO', '--lossy');
    expect(lossy.code, lossy.stderr).toBe(0);
    expect(lossy.stderr).toContain('dropped 1 entities whose type a tag cannot hold (--lossy)');
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].tags).toEqual(['person', 'O', 'O', 'O']);
    const bilou = await cli('convert', input, out, '--to', 'spert-tags');
    expect(bilou.code, bilou.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].tags).toEqual(['U-person', 'O', 'O', 'U-O']);
  });

  it('SpERT tags with --scheme IO: adjacent entities of one type are refused, not merged silently', async () => {
    const two = [{ id: 'm', tokens: ['Marlowe', 'Quillan'], entities: [{ start: 0, end: 1, type: 'person' }, { start: 1, end: 2, type: 'person' }], relations: [] }];
    await expect(writeText('spert-tags', two, { scheme: 'IO' })).rejects.toThrow(/SpERT tag variant with IO tags cannot hold adjacent entities of the same type/);
    expect((await writeText('spert-tags', two, { scheme: 'IO', lossy: true })).summary.dropped['adjacent same-type entities merged (IO)']).toBe(1);
  });
});

describe('a candidate made from a sentence of an episode', () => {
  it("joins its seed's episode and set, without the episode's types", () => {
    const seed: Example = { ...placed('s', 'Marlowe rowed', []), extra: { fewnerd: { episode: 3, set: 'support', types: ['person'] } } };
    const cand: Example = { id: 's~1', tokens: ['Quillan', 'rowed'], entities: [], relations: [] };
    expect(withSeedPlace(cand, seed).extra).toEqual({ fewnerd: { episode: 3, set: 'support' } });
    expect(withSeedPlace(cand, { ...seed, extra: undefined })).toBe(cand);
  });
});

describe('augmenting Few-NERD episodes with a model', () => {
  it("an entity-free sentence made from a support sentence joins that sentence's episode", async () => {
    const server = await startTestServer({ script: (_b, { schema }) => (schema === 'entity_free_sentences' ? JSON.stringify({ sentences: ['the harbour stayed calm all week'] }) : null) });
    try {
      const dir = tmpDir('fewnerd-llm');
      const recipe = path.join(dir, 'r.yaml');
      writeFileSync(recipe, 'variants: 1\ninclude_original: true\noperations:\n  - op: llm_entity_free_v1\n    per_request: 1\nfilters:\n  dedup: false\n');
      const out = path.join(dir, 'out');
      const r = await cli('augment', recipe, '--input', episodesFile(dir), '--out', out, '--base-url', server.url, '--model', 'm', '--quiet');
      expect(r.code, r.stderr).toBe(0);
      const written = readFileSync(path.join(out, 'augmented.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(written).toHaveLength(EPISODES.length);
      written.forEach((ep, i) => {
        expect(ep.query).toEqual(EPISODES[i].query);
        const made = ep.support.word.filter((w: string[]) => w.join(' ') === 'the harbour stayed calm all week');
        expect(made).toHaveLength(EPISODES[i].support.word.length);
      });
    } finally {
      await server.close();
    }
  });
});

describe('fewshot episodes', () => {
  it('a K-shot pool of episode sentences is sentences: written to CoNLL as they are, never as Few-NERD episodes', async () => {
    const dir = tmpDir('fewshot-pool');
    const input = episodesFile(dir);
    const refused = await cli('fewshot', '--input', input, '--k', '1', '--out', path.join(dir, 'pool.jsonl'));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('a K-shot pool is a set of sentences, not Few-NERD episodes');
    expect(existsSync(path.join(dir, 'pool.jsonl'))).toBe(false);
    const out = path.join(dir, 'pool.conll');
    const r = await cli('fewshot', '--input', input, '--k', '1', '--to', 'conll', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('dropped');
    expect(conllSentences(readFileSync(out, 'utf8')).length).toBeGreaterThan(0);
  });

  it('--queries 0 is refused, as --episodes 0 is', async () => {
    const dir = tmpDir('fewshot-q0');
    const out = path.join(dir, 'ep.jsonl');
    const r = await cli('fewshot', '--input', episodesFile(dir), '--n-way', '1', '--k', '1', '--queries', '0', '--out', out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--queries must be a positive integer, got "0"');
    expect(existsSync(out)).toBe(false);
  });
});
