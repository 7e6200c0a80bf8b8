import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { convert } from '../../src/commands/convert.js';
import { data, FIXTURES, tmpDir } from '../support/paths.js';
import { readAs, writeAs } from '../support/format-io.js';

// A DocRED label names entities; sentence-level outputs need one mention of each in one sentence.
// The truth is re-derived from the fixture's raw JSON and the written tokens, not by our reader.

interface Mention { name: string; pos: [number, number]; sent_id: number }
interface Label { r: string; h: number; t: number; evidence?: number[]; mentions?: [number, number] }
interface DocredDoc { title: string; sents: string[][]; vertexSet: Mention[][]; labels: Label[] }

const FIXTURE = path.join(FIXTURES, 'docred/mention-pair.json');
const DYGIE_FIXTURE = path.join(FIXTURES, 'docred/coref-pair.dygie.jsonl');
const readJson = <T>(f: string): T => JSON.parse(readFileSync(f, 'utf8')) as T;
const readLines = <T>(f: string): T[] => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);

/** One relation as text: `sentence|type|head words@start|tail words@start` (starts in the sentence). */
type Placed = string;

/** What each label should become: the sentence both entities share (an evidence one first, else
 *  the earliest), its head and tail the earliest mentions there. None when no sentence is shared. */
function expected(docs: DocredDoc[]): { placed: Placed[]; across: number } {
  const placed: Placed[] = [];
  let across = 0;
  docs.forEach((d, k) => {
    const offset = docs.slice(0, k).reduce((n, x) => n + x.sents.length, 0);
    for (const l of d.labels) {
      const shared = [...new Set(d.vertexSet[l.h].map((m) => m.sent_id))].filter((s) => d.vertexSet[l.t].some((m) => m.sent_id === s)).sort((a, b) => a - b);
      if (shared.length === 0) {
        across++;
        continue;
      }
      const s = shared.find((x) => l.evidence?.includes(x)) ?? shared[0];
      const first = (v: Mention[]) => v.filter((m) => m.sent_id === s).sort((a, b) => a.pos[0] - b.pos[0])[0];
      const h = first(d.vertexSet[l.h]), t = first(d.vertexSet[l.t]);
      const words = (m: Mention) => d.sents[s].slice(m.pos[0], m.pos[1]).join(' ');
      placed.push(`${offset + s}|${l.r}|${words(h)}@${h.pos[0]}|${words(t)}@${t.pos[0]}`);
    }
  });
  return { placed: placed.sort(), across };
}

/** The relations of a DyGIE file, as `expected` says them (sentences numbered across documents). */
function dygieRelations(file: string): Placed[] {
  const got: Placed[] = [];
  let offset = 0;
  for (const d of readLines<{ sentences: string[][]; relations: Array<Array<[number, number, number, number, string]>> }>(file)) {
    const starts = d.sentences.map((_, i) => d.sentences.slice(0, i).reduce((n, s) => n + s.length, 0));
    const tokens = d.sentences.flat();
    d.relations.forEach((list, k) => {
      for (const [hs, he, ts, te, type] of list)
        got.push(`${offset + k}|${type}|${tokens.slice(hs, he + 1).join(' ')}@${hs - starts[k]}|${tokens.slice(ts, te + 1).join(' ')}@${ts - starts[k]}`);
    });
    offset += d.sentences.length;
  }
  return got;
}

describe('DocRED labels are placed on a mention pair that shares a sentence', () => {
  const docs = readJson<DocredDoc[]>(FIXTURE);

  it('the hand-written fixture says what is expected (first mentions in different sentences)', () => {
    const { placed, across } = expected(docs);
    expect(placed).toEqual([
      '1|hosts|Quillby@2|Velmora Works@4', // no evidence: the earliest shared sentence
      '1|serves|Velmora Works@4|Quillby@2', // evidence [0] shares no pair: the earliest
      '2|based_in|Velmora Works@0|Quillby@6', // evidence [2]
      '5|knows|Tarsk@0|Orla Venn@2', // evidence [1]: its earlier Tarsk, not sentence 0's pair
    ]);
    expect(across).toBe(1); // depot is in sentence 0 only, Quillby never there
  });

  it('SpERT: each relation on the tokens of its sentence; only the one across sentences dropped', async () => {
    const out = path.join(tmpDir(), 'out.json');
    const r = await convert(FIXTURE, out, { to: 'spert', lossy: true });
    expect(r.dropped['relations across sentences']).toBe(1);
    const sents = readJson<Array<{ tokens: string[]; entities: Array<{ start: number; end: number }>; relations: Array<{ type: string; head: number; tail: number }> }>>(out);
    const got = sents.flatMap((s, k) =>
      s.relations.map((rel) => {
        const [h, t] = [s.entities[rel.head], s.entities[rel.tail]];
        return `${k}|${rel.type}|${s.tokens.slice(h.start, h.end).join(' ')}@${h.start}|${s.tokens.slice(t.start, t.end).join(' ')}@${t.start}`;
      }),
    );
    expect(got.sort()).toEqual(expected(docs).placed);
  });

  it('DyGIE: the same, at document-level inclusive offsets', async () => {
    const out = path.join(tmpDir(), 'out.jsonl');
    const r = await convert(FIXTURE, out, { to: 'dygie', lossy: true });
    expect(r.dropped['relations across sentences']).toBe(1);
    const got = dygieRelations(out);
    expect(got.sort()).toEqual(expected(docs).placed);
  });

  it('DocRED -> DocRED writes the labels as read: no `mentions` added, one given kept (even where a reader would pick the same)', async () => {
    const dir = tmpDir();
    const input = path.join(dir, 'in.json');
    const out = path.join(dir, 'out.json');
    const withPin = structuredClone(docs);
    withPin[0].labels[1].mentions = [2, 1]; // hosts: sentence 1's Quillby and Velmora Works, as chosen anyway
    writeFileSync(input, JSON.stringify(withPin));
    await convert(input, out, { to: 'docred' });
    const labels = readJson<DocredDoc[]>(out).map((d) => d.labels);
    expect(labels).toEqual(withPin.map((d) => d.labels.map((l) => ({ evidence: [], ...l }))));
  });

  it('a `mentions` read is rewritten when the vertex changes (a mention before it gone)', async () => {
    const withPin = structuredClone(docs);
    withPin[0].labels[1].mentions = [2, 1];
    const [ex] = await readAs('docred', 'pin.json', JSON.stringify(withPin));
    // Drop Quillby's first listed mention (sentence 3): the pinned one is now its vertex's second.
    const gone = ex.entities.findIndex((e) => e.start === ex.sentenceStarts![3]);
    const keep = (i: number) => (i > gone ? i - 1 : i);
    const edited = { ...ex, entities: ex.entities.filter((_, i) => i !== gone), relations: ex.relations.filter((r) => r.head !== gone && r.tail !== gone).map((r) => ({ ...r, head: keep(r.head), tail: keep(r.tail) })) };
    const [written] = JSON.parse(await writeAs('docred', [edited])) as DocredDoc[];
    const hosts = written.labels.find((l) => l.r === 'hosts')!;
    expect(hosts.mentions).toEqual([1, 1]);
    expect(written.vertexSet[hosts.h][1]).toMatchObject({ sent_id: 1, pos: [2, 3] });
  });

  it('the first 30 DocRED dev documents -> DyGIE: every label with a pair in one sentence is written there, the rest counted', async () => {
    const dir = tmpDir();
    const first = path.join(dir, 'dev30.json');
    const out = path.join(dir, 'dev30.jsonl');
    const real = readJson<DocredDoc[]>(data('docred/dev_revised.json')).slice(0, 30);
    writeFileSync(first, JSON.stringify(real));
    const r = await convert(first, out, { to: 'dygie', lossy: true });
    const want = expected(real);
    expect(want.placed.length).toBe(486);
    expect(r.dropped['relations across sentences']).toBe(want.across);
    expect(dygieRelations(out).sort()).toEqual(want.placed);
  });

  it('a label whose entities share no sentence is still refused without --lossy', async () => {
    // DyGIE holds the clusters: the relation is the only thing it cannot hold.
    await expect(convert(FIXTURE, path.join(tmpDir(), 'out.jsonl'), { to: 'dygie' })).rejects.toThrow(/DyGIE JSON cannot hold relations between different sentences \(example velmora\)/);
  });
});

describe('DyGIE -> DocRED -> DyGIE keeps each relation on the mentions it joined', () => {
  type Dygie = { sentences: string[][]; relations: Array<Array<[number, number, number, number, string]>> };
  /** Each relation as its sentence, type, and its two mentions' words and offsets. */
  const relationsOf = (docs: Dygie[]) =>
    docs.map((d) => {
      const tokens = d.sentences.flat();
      return d.relations.flatMap((list, k) => list.map(([hs, he, ts, te, type]) => `${k}|${type}|${tokens.slice(hs, he + 1).join(' ')}@${hs}|${tokens.slice(ts, te + 1).join(' ')}@${ts}`).sort());
    });

  it('a relation on a later mention of a cluster ("it", not "Zarnet") comes back on it, with no --lossy', async () => {
    const dir = tmpDir();
    const docred = path.join(dir, 'zarnet.docred.json');
    const back = path.join(dir, 'zarnet.back.jsonl');
    await convert(DYGIE_FIXTURE, docred, { to: 'docred' });
    const r = await convert(docred, back, { to: 'dygie' });
    expect(r.dropped).toEqual({});
    expect(relationsOf(readLines<Dygie>(back))).toEqual(relationsOf(readLines<Dygie>(DYGIE_FIXTURE)));
    expect(relationsOf(readLines<Dygie>(back))[0]).toEqual(['1|FEATURE-OF|gadgets@6|Zarnet@4', '1|USED-FOR|gadgets@6|it@9']);
  });

  it('SciERC dev (DyGIE) -> DocRED -> DyGIE: every relation back on its mentions, no --lossy', async () => {
    const dir = tmpDir();
    const docred = path.join(dir, 'dev.docred.json');
    const back = path.join(dir, 'dev.back.jsonl');
    await convert(data('scierc/dev.json'), docred, { to: 'docred' });
    const r = await convert(docred, back, { to: 'dygie' });
    expect(r.dropped).toEqual({});
    const orig = relationsOf(readLines<Dygie>(data('scierc/dev.json')));
    expect(orig.flat().length).toBeGreaterThan(0);
    expect(relationsOf(readLines<Dygie>(back))).toEqual(orig);
  });

  it('the DocRED file names the pair (`mentions`) only where a reader would pick another', async () => {
    const docred = path.join(tmpDir(), 'zarnet.docred.json');
    await convert(DYGIE_FIXTURE, docred, { to: 'docred' });
    const [zarnet, plain] = readJson<DocredDoc[]>(docred);
    const byType = new Map(zarnet.labels.map((l) => [l.r, l]));
    const used = byType.get('USED-FOR')!;
    expect(used.mentions).toBeDefined();
    expect(zarnet.vertexSet[used.h][used.mentions![0]].name).toBe('gadgets');
    expect(zarnet.vertexSet[used.t][used.mentions![1]].name).toBe('it');
    // FEATURE-OF joins the earliest pair of its sentence: the label stays plain DocRED.
    expect(Object.keys(byType.get('FEATURE-OF')!).sort()).toEqual(['evidence', 'h', 'r', 't']);
    expect(plain.labels.every((l) => l.mentions === undefined)).toBe(true);
  });

  it('a DocRED file with `mentions` reads and writes back byte for byte', async () => {
    const dir = tmpDir();
    const docred = path.join(dir, 'a.json');
    const again = path.join(dir, 'b.json');
    await convert(DYGIE_FIXTURE, docred, { to: 'docred' });
    await convert(docred, again, { to: 'docred' });
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(docred, 'utf8'));
  });
});
