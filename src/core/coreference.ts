import type { Example } from './model.js';

/**
 * Coreference clusters of an example as its entities hold them: the mentions of each cluster
 * number, as token spans [start, end), sorted, in order of cluster number. A span is listed
 * once per entity on it (DocRED has vertices naming one span twice: kept, so a reader gives
 * each its cluster). A cluster of one mention names no coreference (a DocRED entity with one
 * mention) and is left out.
 */
export function entityClusters(ex: Pick<Example, 'entities'>): Array<Array<[number, number]>> {
  const byCluster = new Map<number, Array<[number, number]>>();
  for (const e of ex.entities) {
    if (e.cluster === undefined) continue;
    let spans = byCluster.get(e.cluster);
    if (!spans) byCluster.set(e.cluster, (spans = []));
    spans.push([e.start, e.end]);
  }
  return [...byCluster.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, spans]) => spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]))
    .filter((spans) => spans.length > 1);
}
