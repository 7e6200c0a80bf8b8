import { z } from 'zod';
import type { Example } from '../core/model.js';
import { decodeTags, encodeTags } from '../core/tags.js';
import { readJsonLines } from './input.js';
import { Reporter } from './reporter.js';
import { reportExample, rest, validateRecord, withOwn } from './json-util.js';
import { UserError } from '../core/errors.js';
import { bump, flattenEntities, limit, toSentences } from './limits.js';
import { episodePlace, MAKE_EPISODES, type EpisodePlace } from './episode-place.js';
import { dropOutsideTyped } from './tag-types.js';
import type { Dropped, Format, ReadOptions, Sink, WriteOptions, WriteSummary } from './types.js';

const part = z.object({ word: z.array(z.array(z.string()).min(1)), label: z.array(z.array(z.string())) });
const episode = z.looseObject({ support: part, query: part, types: z.array(z.string()).optional() });

async function* readFewnerd(file: string, opts: ReadOptions = {}): AsyncGenerator<Example> {
  const reporter = opts.reporter ?? new Reporter('strict');
  let ep = 0;
  for await (const [value, line] of readJsonLines(file, opts.progress)) {
    const e = validateRecord(episode, value, reporter, { file, line }, []);
    if (!e) continue;
    let first = true;
    for (const set of ['support', 'query'] as const) {
      const { word, label } = e[set];
      if (word.length !== label.length) {
        reporter.problem({ file, line, path: `${set}.label` }, `has ${label.length} label lists for ${word.length} sentences`);
        continue;
      }
      for (let i = 0; i < word.length; i++) {
        if (word[i].length !== label[i].length) {
          reporter.problem({ file, line, path: `${set}.label[${i}]` }, `has ${label[i].length} labels for ${word[i].length} words`);
          continue;
        }
        const { entities } = decodeTags(label[i], 'IO');
        const info: EpisodePlace = { episode: ep, set };
        if (first) {
          if (e.types) info.types = e.types;
          const x = rest(e, ['support', 'query', 'types']);
          if (x) info.rest = x;
          first = false;
        }
        const ex: Example = { id: `${ep}/${set}/${i}`, tokens: word[i], entities, relations: [], extra: withOwn('fewnerd', info as unknown as Record<string, unknown>) };
        if (!reportExample(ex, reporter, { file, line }, [set, 'word', i])) continue;
        yield ex;
      }
    }
    ep++;
  }
}

/** Without --lossy, a sentence that is in no episode stops the write: Few-NERD has no place
 *  for it, and guessing one (all in support, an empty query) would make a file that loads
 *  but is no N-way K-shot episode. */
function noPlace(ex: Example, opts: WriteOptions, dropped: Dropped): void {
  if (!opts.lossy) {
    throw new UserError(
      `Few-NERD episodes need each sentence's episode and set (support or query), and example ${ex.id} has none (only sentences read from Few-NERD episodes or made by \`fewshot\` have one): ${MAKE_EPISODES}; or pass --lossy to leave such sentences out and count them`,
    );
  }
  bump(dropped, 'sentences in no Few-NERD episode');
}

async function writeFewnerd(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts: WriteOptions = {}): Promise<WriteSummary> {
  const dropped: Dropped = {};
  let count = 0;
  let seen = 0;
  let cur: { id: number; support: { word: string[][]; label: string[][] }; query: { word: string[][]; label: string[][] }; types?: string[]; rest?: Record<string, unknown>; seen: Set<string> } | null = null;
  const flush = async () => {
    if (!cur) return;
    const types = cur.types ?? [...cur.seen].sort();
    await sink.write(JSON.stringify({ support: cur.support, query: cur.query, types, ...cur.rest }) + '\n');
    cur = null;
  };
  for await (const doc of examples) {
    for (let ex of toSentences(doc, opts, dropped, 'Few-NERD episodes')) {
      seen++;
      // A document's sentences (split here) are in the document's place.
      const info = episodePlace(ex) ?? episodePlace(doc);
      if (!info) {
        noPlace(ex, opts, dropped);
        continue;
      }
      limit(opts, dropped, 'relations', ex.relations.length, 'Few-NERD episodes', 'relations', ex);
      ex = flattenEntities(ex, opts, dropped, 'Few-NERD episodes');
      ex = dropOutsideTyped(ex, 'IO', opts, dropped, 'Few-NERD episodes');
      if (!cur || cur.id !== info.episode) {
        await flush();
        cur = { id: info.episode, support: { word: [], label: [] }, query: { word: [], label: [] }, types: info.types, rest: info.rest, seen: new Set() };
      }
      const { tags, ioMerges } = encodeTags(ex.tokens.length, ex.entities, 'IO');
      limit(opts, dropped, 'adjacent same-type entities merged (IO)', ioMerges, 'Few-NERD IO labels', 'adjacent entities of the same type', ex);
      for (const e of ex.entities) cur.seen.add(e.type);
      cur[info.set].word.push(ex.tokens);
      cur[info.set].label.push(tags);
      count++;
    }
  }
  if (seen > 0 && count === 0) throw new UserError(`none of the ${seen} sentences is in a Few-NERD episode, so there is nothing to write: ${MAKE_EPISODES}`);
  await flush();
  return { examples: count, dropped };
}

export const fewnerd: Format = {
  name: 'fewnerd',
  description: 'Few-NERD episode JSON lines: {support: {word, label}, query: {word, label}, types}, IO labels',
  extensions: ['jsonl'],
  streaming: true,
  read: readFewnerd,
  write: writeFewnerd,
};
