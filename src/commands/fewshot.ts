import { wholeNumber } from './whole-number.js';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import type { Example } from '../core/model.js';
import { rngFor } from '../core/random.js';
import { openInput } from '../formats/open.js';
import { getFormat } from '../formats/registry.js';
import { withAtomicFile, writeFileAtomic } from '../formats/atomic.js';
import { ensureParentDir } from './out-path.js';
import { refuseOverwrite } from '../core/same-file.js';
import { Reporter } from '../formats/reporter.js';
import { toFewrelInstance } from '../formats/fewrel.js';
import { greedyKShot, unitTypes } from '../sampling/kshot.js';
import { nerEpisodes, relationEpisodes } from '../sampling/episodes.js';
import { retrieveDemonstrations } from './fewshot-retrieve.js';
import type { WriteOptions } from '../formats/types.js';
import { describeDropped } from './convert.js';

/** Extra fields without a Few-NERD episode place. */
function withoutPlace(extra: Example['extra']): Example['extra'] {
  if (!extra || !('fewnerd' in extra)) return extra;
  const { fewnerd: _p, ...others } = extra;
  return Object.keys(others).length ? others : undefined;
}

export interface FewshotOptions {
  input: string;
  out: string;
  k: string;
  nWay?: string;
  queries?: string;
  episodes?: string;
  relaxed?: boolean;
  /** K-shot pool: let the output format drop what it cannot hold (relations in CoNLL, ...) and count it. */
  lossy?: boolean;
  seed?: string;
  from?: string;
  inputScheme?: string;
  tagColumn?: string;
  to?: string;
  unit?: string;
  pool?: string;
  retrieveFor?: string;
  force?: boolean;
}

const int = (v: string | undefined, name: string, min: number, dflt?: number): number => {
  if (v === undefined) {
    if (dflt !== undefined) return dflt;
    throw new UserError(`${name} is required`);
  }
  return wholeNumber(v, name, min);
};

export interface FewshotSummary {
  mode: 'kshot' | 'episodes' | 'pool' | 'retrieve';
  unit: 'entity' | 'relation';
  out: string;
  lines: string[];
  report: Record<string, unknown>;
}

/** Each flag belongs to one mode; one that another mode would ignore is refused, not dropped.
 *  Returns whether the mode is a K-shot pool (no --retrieve-for, --pool or --n-way). */
function checkModeFlags(o: FewshotOptions): boolean {
  if (o.pool !== undefined && o.pool !== 'balanced') throw new UserError(`--pool takes "balanced", got "${o.pool}"`);
  const modes = [o.retrieveFor !== undefined && '--retrieve-for', o.pool !== undefined && '--pool', o.nWay !== undefined && '--n-way'].filter(Boolean);
  if (modes.length > 1) throw new UserError(`${modes.join(' and ')} ask for different outputs: give one of them`);
  const mode = modes[0] ?? 'a K-shot pool (no --retrieve-for, --pool or --n-way)';
  const only: Array<[unknown, string, string]> = [
    [o.relaxed, '--relaxed', 'K-shot pools'],
    [o.to, '--to', 'K-shot pools'],
    [o.lossy, '--lossy', 'K-shot pools'],
    [o.queries, '--queries', 'episodes (--n-way)'],
    [o.episodes, '--episodes', 'episodes (--n-way)'],
  ];
  for (const [given, flag, applies] of only) {
    const fits = applies === 'K-shot pools' ? modes.length === 0 : o.nWay !== undefined;
    if (given !== undefined && given !== false && !fits) throw new UserError(`${flag} applies to ${applies} only, not with ${mode}`);
  }
  return modes.length === 0;
}

export async function fewshot(o: FewshotOptions): Promise<FewshotSummary> {
  if (!o.out) throw new UserError('--out <path> is required');
  const kshot = checkModeFlags(o);
  const k = int(o.k, '--k', 1);
  const seed = int(o.seed, '--seed', 0, 1);
  // Every file fewshot writes: the output, and a K-shot pool's report beside it.
  for (const inputFile of [o.input, o.retrieveFor]) {
    if (inputFile) for (const written of kshot ? [o.out, `${o.out}.report.json`] : [o.out]) refuseOverwrite(inputFile, written);
  }
  const inp = await openInput(o.input, { from: o.from, inputScheme: o.inputScheme, tagColumn: o.tagColumn }, new Reporter('strict'));
  const examples: Example[] = [];
  for await (const ex of inp.examples) examples.push(ex);
  await ensureParentDir(o.out);
  const unit: 'entity' | 'relation' = o.unit === 'entity' || o.unit === 'relation' ? o.unit : examples.some((e) => e.relations.length) ? 'relation' : 'entity';
  if (o.unit && o.unit !== unit) throw new UserError(`--unit must be entity or relation, got "${o.unit}"`);

  if (o.retrieveFor) {
    const queries: Example[] = [];
    const q = await openInput(o.retrieveFor, { tagColumn: o.tagColumn }, new Reporter('strict'));
    for await (const ex of q.examples) queries.push(ex);
    const r = await retrieveDemonstrations(examples, queries, k, o.out);
    return { mode: 'retrieve', unit, out: o.out, lines: r.lines, report: r.report };
  }

  if (o.pool === 'balanced') {
    const rng = rngFor(seed, 'fewshot', 'pool');
    const types = [...new Set(examples.flatMap((e) => unitTypes(e, unit)))].sort();
    const order = rng.shuffle(examples.map((_, i) => i));
    await withAtomicFile(o.out, async (sink) => {
      for (const t of types) {
        const picked = order.filter((i) => unitTypes(examples[i], unit).includes(t)).slice(0, k);
        await sink.write(JSON.stringify({ type: t, examples: picked.map((i) => ({ id: examples[i].id, tokens: examples[i].tokens, entities: examples[i].entities.map(({ start, end, type }) => ({ start, end, type })), relations: examples[i].relations.map(({ head, tail, type }) => ({ head, tail, type })) })) }) + '\n');
      }
    });
    return { mode: 'pool', unit, out: o.out, lines: [`wrote a balanced pool of up to ${k} examples for each of ${types.length} ${unit} types to ${o.out}`], report: {} };
  }

  if (o.nWay !== undefined) {
    const n = int(o.nWay, '--n-way', 1);
    const q = int(o.queries, '--queries', 1, 1);
    const m = int(o.episodes, '--episodes', 1, 1);
    const rng = rngFor(seed, 'fewshot', 'episodes');
    const droppedLines: string[] = [];
    const { episodes, eligible } = unit === 'relation' ? relationEpisodes(examples, { n, k, q, episodes: m }, rng) : nerEpisodes(examples, { n, k, q, episodes: m }, rng);
    if (episodes.length === 0) {
      throw new UserError(`only ${eligible.length} ${unit} types have enough examples for ${n}-way ${k}-shot episodes with ${q} queries (need ${n})`, { file: o.input });
    }
    if (unit === 'relation') {
      await withAtomicFile(o.out, async (sink) => {
        for (const ep of episodes) {
          const inst = (i: number, t: string) => toFewrelInstance(examples[i], examples[i].relations.find((r) => r.type === t)!);
          const support = ep.types.map((t, j) => ep.support.slice(j * k, (j + 1) * k).map((i) => inst(i, t)));
          const query = ep.types.map((t, j) => ep.query.slice(j * q, (j + 1) * q).map((i) => inst(i, t)));
          await sink.write(JSON.stringify({ relations: ep.types, support, query }) + '\n');
        }
      });
    } else {
      // Few-NERD episode lines; types outside the episode become O.
      const out: Example[] = [];
      episodes.forEach((ep, e) => {
        for (const [set, ids] of [['support', ep.support], ['query', ep.query]] as const) {
          for (const i of ids) {
            const ex = examples[i];
            out.push({ id: `${e}/${set}/${ex.id}`, tokens: ex.tokens, entities: ex.entities.filter((x) => ep.types.includes(x.type)), relations: [], extra: { fewnerd: { episode: e, set, ...(set === 'support' && ids[0] === i ? { types: ep.types } : {}) } } });
          }
        }
      });
      // Lossy, but said: nested entities, or an episode type `O` (Few-NERD's outside label).
      const w = await withAtomicFile(o.out, (sink) => getFormat('fewnerd').write(out, sink, { lossy: true }));
      droppedLines.push(...describeDropped(w.dropped, false));
    }
    return {
      mode: 'episodes',
      unit,
      out: o.out,
      lines: [`wrote ${episodes.length} ${n}-way ${k}-shot episodes (${q} queries per type) over ${eligible.length} eligible ${unit} types to ${o.out}`, ...droppedLines],
      report: { episodes: episodes.length, eligible },
    };
  }

  const r = greedyKShot(examples, { k, relaxed: o.relaxed, unit }, rngFor(seed, 'fewshot', 'kshot'));
  // A pool is a set of sentences, not documents nor episodes: document markers and Few-NERD
  // episode places are left out, and Few-NERD, which holds nothing but episodes, cannot hold it.
  const pool = r.chosen.map((i) => ({ ...examples[i], docStart: undefined, extra: withoutPlace(examples[i].extra) }));
  const outFormat = o.to ? getFormat(o.to) : inp.format;
  if (outFormat.name === 'fewnerd') throw new UserError(`a K-shot pool is a set of sentences, not Few-NERD episodes: pass --to with another format (${o.to ? 'spert, conll, jsonl, ...' : 'such as spert or conll'}), or --n-way N for N-way K-shot episodes`);
  const wopts: WriteOptions = { lossy: !!o.lossy };
  if (outFormat.name === 'conll' && inp.conll) {
    wopts.scheme = inp.conll.scheme ?? undefined;
    wopts.separator = inp.conll.separator;
  }
  const written = await withAtomicFile(o.out, (sink) => outFormat.write(pool, sink, wopts));
  const report = { k, relaxed: !!o.relaxed, unit, sentences: pool.length, counts: r.counts, unmet: r.unmet, over_cap: r.overCap, seed };
  await writeFileAtomic(`${o.out}.report.json`, JSON.stringify(report, null, 2) + '\n');
  const lines = [`wrote a ${k}-shot pool of ${pool.length} sentences to ${o.out} (${outFormat.name}); counts: ${Object.entries(r.counts).map(([t, c]) => `${t} ${c}`).join(', ')}`];
  for (const u of r.unmet) lines.push(`could not reach ${k} for ${u.type}: the data has ${u.available}`);
  for (const u of r.overCap) lines.push(`${u.type} has ${u.count}, above the relaxed cap of ${u.cap}: the data did not allow fewer`);
  lines.push(...describeDropped(written.dropped, !!o.lossy));
  lines.push(`report: ${path.basename(o.out)}.report.json`);
  return { mode: 'kshot', unit, out: o.out, lines, report };
}
