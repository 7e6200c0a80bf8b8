import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { convert } from '../../src/commands/convert.js';
import { getFormat } from '../../src/formats/registry.js';
import type { Example } from '../../src/core/model.js';
import { entityText, exampleText } from '../../src/core/model.js';
import { splitDocument } from '../../src/core/documents.js';
import { data, tmpDir } from '../support/paths.js';
import { cli } from '../support/cli.js';

async function readAll(file: string, format?: string): Promise<Example[]> {
  const f = getFormat(format ?? 'spert');
  const out: Example[] = [];
  for await (const ex of f.read(file)) out.push(ex);
  return out;
}

/** Sentence-level view of entities and relations as comparable strings. */
function facts(examples: Example[], relCase: (s: string) => string = (s) => s) {
  const sentences = examples.flatMap((ex) => splitDocument(ex).sentences);
  return sentences.map((s) => ({
    tokens: s.tokens.length,
    entities: s.entities.map((e) => `${e.start}:${e.end}:${e.type}`).sort(),
    relations: s.relations
      .map((r) => `${s.entities[r.head].start}:${s.entities[r.head].end}-${relCase(r.type)}->${s.entities[r.tail].start}:${s.entities[r.tail].end}`)
      .sort(),
  }));
}

function surfaces(examples: Example[]): string[] {
  const t = (ex: Example, i: number) => `${entityText(ex, ex.entities[i]).replace(/\s/g, '')}:${ex.entities[i].type}`;
  return examples.map((ex) => ex.relations.map((r) => `${t(ex, r.head)}-${r.type}->${t(ex, r.tail)}`).sort().join(';'));
}

describe('conversions across formats keep entities and relations', () => {
  it('SciERC: SpERT -> DyGIE gives the mentions and relations of the DyGIE release', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'scierc.jsonl');
    await convert(data('scierc/scierc_joint_er_train.json'), out, { to: 'dygie' });
    const converted = facts(await readAll(out, 'dygie'), (s) => s.toUpperCase());
    const release = facts(await readAll(data('scierc/train.json'), 'dygie'), (s) => s.toUpperCase());
    // The SpERT file is sentence-level: one DyGIE document per sentence, same sentences in order.
    expect(converted).toEqual(release);
  });

  it('SciERC: DyGIE -> SpERT gives the SpERT release (relation types compared case-insensitively)', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'scierc.json');
    // SpERT has no place for DyGIE's clusters across sentences: refused, then counted with --lossy.
    await expect(convert(data('scierc/train.json'), out, { to: 'spert' })).rejects.toThrow(/SpERT JSON cannot hold coreference clusters .*pass --lossy/);
    const r = await convert(data('scierc/train.json'), out, { to: 'spert', lossy: true });
    // SpERT keeps a cluster within one sentence (a `cluster` key on its entities): the lost ones
    // are those spread over sentences or holding a mention that is no entity, counted from the raw file.
    type Doc = { sentences: string[][]; ner: Array<Array<[number, number, string]>>; clusters: Array<Array<[number, number]>> };
    let lost = 0;
    for (const line of readFileSync(data('scierc/train.json'), 'utf8').trim().split('\n')) {
      const d = JSON.parse(line) as Doc;
      const starts = d.sentences.map((_, i) => d.sentences.slice(0, i).reduce((a, x) => a + x.length, 0));
      const sentenceOf = (tok: number) => starts.filter((st) => st <= tok).length - 1;
      const entity = new Set(d.ner.flat().map(([a, b]) => `${a}:${b}`));
      for (const c of d.clusters) if (c.length > 1 && (new Set(c.map(([a]) => sentenceOf(a))).size > 1 || c.some(([a, b]) => !entity.has(`${a}:${b}`)))) lost++;
    }
    expect(lost).toBeGreaterThan(0);
    expect(r.dropped).toEqual({ 'coreference clusters': lost });
    const converted = facts(await readAll(out, 'spert'), (s) => s.toUpperCase());
    const release = facts(await readAll(data('scierc/scierc_joint_er_train.json'), 'spert'), (s) => s.toUpperCase());
    expect(converted).toEqual(release);
  });

  it('CoNLL04: tag variant -> SpERT -> CoNLL BIO keeps every entity span', async () => {
    const dir = tmpDir();
    const spertOut = path.join(dir, 'c04.json');
    await convert(data('conll04/conll04_train.json'), spertOut, { to: 'spert' });
    const viaSpert = facts(await readAll(spertOut, 'spert'));
    const original = facts(await readAll(data('conll04-spert/conll04_train.json'), 'spert'));
    expect(viaSpert).toEqual(original);

    const bio = path.join(dir, 'c04.conll');
    // CoNLL has no relations: refused without --lossy ...
    const refused = await cli('convert', spertOut, bio);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/CoNLL cannot hold relations .*--lossy/);
    // ... and with --lossy the drop is counted.
    const r = await cli('convert', spertOut, bio, '--lossy', '--scheme', 'BIO');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dropped 1283 relations/);
    const conllEntities = facts(await readAll(bio, 'conll')).map((s) => s.entities);
    expect(conllEntities).toEqual(original.map((s) => s.entities));
    expect(readFileSync(bio, 'utf8')).toMatch(/ B-Peop\n/);
  });

  it('nested SciERC entities cannot go to BIO silently; --lossy says how many were dropped', async () => {
    const dir = tmpDir();
    const bio = path.join(dir, 'scierc.conll');
    // Without relations in the way, the nesting itself is what CoNLL refuses.
    const noRel = path.join(dir, 'scierc-ner.json');
    const records = JSON.parse(readFileSync(data('scierc/scierc_joint_er_train.json'), 'utf8'));
    writeFileSync(noRel, JSON.stringify(records.map((r: Record<string, unknown>) => ({ ...r, relations: [] }))));
    const refused = await cli('convert', noRel, bio);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/CoNLL cannot hold nested or overlapping entities \(example [^)]+\); pass --lossy/);
    const r = await cli('convert', data('scierc/scierc_joint_er_train.json'), bio, '--lossy');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dropped \d+ overlapping entities/);
    expect(r.stderr).toMatch(/dropped 3219 relations|dropped \d+ relations/);
    const s = await cli('stats', bio, '--json');
    const dropped = Number(/dropped (\d+) overlapping entities/.exec(r.stderr)![1]);
    expect(JSON.parse(s.stdout).entityTotal).toBe(5598 - dropped);
  });

  it('SpERT -> character-offset JSONL -> SpERT is lossless', async () => {
    const dir = tmpDir();
    const j = path.join(dir, 'c04.jsonl');
    const back = path.join(dir, 'back.json');
    await convert(data('conll04-spert/conll04_dev.json'), j, {});
    await convert(j, back, { to: 'spert' });
    const original = await readAll(data('conll04-spert/conll04_dev.json'));
    const round = await readAll(back);
    expect(facts(round)).toEqual(facts(original));
    // The JSONL text is the tokens joined by spaces and the offsets point at the mentions.
    const first = JSON.parse(readFileSync(j, 'utf8').split('\n')[0]);
    expect(first.entities).toHaveLength(original[0].entities.length);
    first.entities.forEach((e: { start_offset: number; end_offset: number; label: string }, k: number) => {
      expect(first.text.slice(e.start_offset, e.end_offset)).toBe(entityText(original[0], original[0].entities[k]));
      expect(e.label).toBe(original[0].entities[k].type);
    });
  });

  it('SpERT -> CSV (relations) -> SpERT keeps every relation and its argument spans', async () => {
    const dir = tmpDir();
    const c = path.join(dir, 'c04.csv');
    const back = path.join(dir, 'back.json');
    const r = await cli('convert', data('conll04-spert/conll04_dev.json'), c, '--lossy');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/dropped \d+ entities outside relations/);
    await convert(c, back, { to: 'spert' });
    // CSV holds text, not tokens: compare argument surfaces, whitespace aside.
    expect(surfaces(await readAll(back))).toEqual(surfaces(await readAll(data('conll04-spert/conll04_dev.json'))));
  });

  it('CoNLL -> CSV (entities) -> CoNLL keeps every mention', async () => {
    const dir = tmpDir();
    const c = path.join(dir, 'test.csv');
    const back = path.join(dir, 'back.conll');
    await convert(data('conll2003/test.txt'), c, {});
    await convert(c, back, {});
    const ents = (exs: Example[]) => exs.map((ex) => ex.entities.map((e) => `${entityText(ex, e).replace(/\s/g, '')}:${e.type}`));
    expect(ents(await readAll(back, 'conll'))).toEqual(ents(await readAll(data('conll2003/test.txt'), 'conll')));
  });

  it('CasRel -> SpERT -> CasRel keeps the triples (surface strings)', async () => {
    const dir = tmpDir();
    const s = path.join(dir, 'nyt.json');
    const back = path.join(dir, 'nyt-back.json');
    await convert(data('nyt-casrel/val_triples.json'), s, { to: 'spert' });
    await convert(s, back, { to: 'casrel' });
    const orig = JSON.parse(readFileSync(data('nyt-casrel/val_triples.json'), 'utf8'));
    const round = JSON.parse(readFileSync(back, 'utf8'));
    expect(round.length).toBe(orig.length);
    let sameText = 0;
    let sameTriples = 0;
    for (let i = 0; i < orig.length; i++) {
      if (round[i].text === orig[i].text) sameText++;
      if (JSON.stringify(round[i].triple_list) === JSON.stringify(orig[i].triple_list)) sameTriples++;
    }
    // SpERT keeps no whitespace and no surface forms: a mention glued to a word ("Israel-Gaza")
    // comes back spaced, and accent-folded arguments come back as the text spells them.
    expect(sameText).toBeGreaterThan(orig.length - 10);
    expect(sameTriples).toBeGreaterThan(orig.length - 60);
  });

  it('TACRED -> SpERT -> TACRED keeps subject, object and relation', async () => {
    const dir = tmpDir();
    const s = path.join(dir, 'semeval.json');
    const back = path.join(dir, 'semeval-back.json');
    await convert(data('tacred-format/semeval/test.json'), s, { to: 'spert' });
    await convert(s, back, { to: 'tacred' });
    const orig = JSON.parse(readFileSync(data('tacred-format/semeval/test.json'), 'utf8'));
    const round = JSON.parse(readFileSync(back, 'utf8'));
    const key = (x: Record<string, unknown>) => [x.relation, x.subj_start, x.subj_end, x.obj_start, x.obj_end, (x.token as string[]).join(' ')].join('|');
    expect(round.map(key)).toEqual(orig.map(key));
  });

  it('DocRED -> DyGIE -> DocRED keeps mentions, sentence boundaries and relations', async () => {
    const dir = tmpDir();
    const d = path.join(dir, 'docred.jsonl');
    // DyGIE lists relations per sentence: DocRED's cross-sentence ones need --lossy.
    await expect(convert(data('docred/dev_revised.json'), d, { to: 'dygie' })).rejects.toThrow(/relations between different sentences/);
    const r = await convert(data('docred/dev_revised.json'), d, { to: 'dygie', lossy: true });
    expect(r.dropped['relations across sentences']).toBeGreaterThan(0);
    const a = await readAll(data('docred/dev_revised.json'), 'docred');
    const b = await readAll(d, 'dygie');
    expect(b.map((x) => x.sentenceStarts)).toEqual(a.map((x) => x.sentenceStarts));
    expect(b.map((x) => x.entities.length)).toEqual(a.map((x) => x.entities.length));
    expect(b.map((x) => exampleText(x))).toEqual(a.map((x) => exampleText(x)));
  });
});
