import type { Example } from '../core/model.js';
import { entityClusters } from '../core/coreference.js';
import { isEdited, sentenceOf, sentenceRanges } from '../core/model.js';
import { limit } from './limits.js';
import { own } from './json-util.js';
import type { ExampleCheck } from './writer-checks.js';

export const CLUSTER_KIND = 'coreference clusters';

/**
 * How many coreference clusters an example holds: DyGIE's `clusters` as read (they may list
 * mentions that are no entity) while the text is unchanged, else the entities' clusters of two
 * or more mentions (DocRED vertices, DyGIE clusters after an edit).
 */
export function clusterCount(ex: Example): number {
  const read = own(ex.extra, 'dygie')?.clusters;
  if (Array.isArray(read) && !isEdited(ex)) return read.filter((c) => Array.isArray(c) && c.length > 1).length;
  return entityClusters(ex).length;
}

/**
 * The clusters a SpERT writer loses: it keeps a cluster as a `cluster` key on the entities of
 * one sentence, so a cluster is lost when its mentions lie in two sentences or more, or (as
 * DyGIE read it) one of its mentions is no entity.
 */
export function clustersAcrossSentences(ex: Example): number {
  const ranges = sentenceRanges(ex);
  const spread = (spans: ReadonlyArray<readonly [number, number]>) => new Set(spans.map(([s]) => sentenceOf(ranges, s))).size > 1;
  const read = own(ex.extra, 'dygie')?.clusters;
  if (Array.isArray(read) && !isEdited(ex)) {
    const entity = new Set(ex.entities.map((e) => `${e.start}:${e.end}`));
    return read.filter((c): c is Array<[number, number]> => Array.isArray(c) && c.length > 1).filter((c) => spread(c) || c.some((m) => !entity.has(`${m[0]}:${m[1] + 1}`))).length;
  }
  return entityClusters(ex).filter(spread).length;
}

/**
 * The check for a format that has no place for coreference (or, with `lost`, for part of it):
 * the clusters its writer would leave out are refused without --lossy and counted with it, as
 * every other loss is. The writers themselves never look at clusters (registry.ts).
 */
export function clusterCheck(label: string, lost: (ex: Example) => number = clusterCount): ExampleCheck {
  return (ex, opts, dropped) => {
    const n = lost(ex);
    if (n > 0) limit(opts, dropped, CLUSTER_KIND, n, label, 'coreference clusters (which mentions name one entity)', ex);
  };
}

/**
 * Mentions of DyGIE's `clusters` as read that a format of entities with one cluster each
 * (DocRED vertices) cannot hold: a mention that is no entity, or one listed in a second
 * cluster. None once the text is edited (the clusters are the entities' then).
 */
export function unheldClusterMentions(ex: Example): number {
  const read = own(ex.extra, 'dygie')?.clusters;
  if (!Array.isArray(read) || isEdited(ex)) return 0;
  let n = 0;
  read.forEach((c, k) => {
    if (!Array.isArray(c) || c.length < 2) return;
    const held = ex.entities.filter((e) => e.cluster === k);
    for (const m of c) {
      if (!Array.isArray(m) || typeof m[0] !== 'number' || typeof m[1] !== 'number') continue;
      const i = held.findIndex((e) => e.start === m[0] && e.end === m[1] + 1);
      if (i >= 0) held.splice(i, 1);
      else n++;
    }
  });
  return n;
}
