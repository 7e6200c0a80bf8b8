import type { Example } from '../core/model.js';
import { inTextOrder, sentenceCount } from '../core/model.js';
import { unalignedTriples } from '../core/unaligned.js';

export interface Signature {
  head: string;
  relation: string;
  tail: string;
  count: number;
}

export interface DatasetStats {
  examples: number;
  sentences: number;
  documents: number;
  tokens: number;
  entities: Record<string, number>;
  entityTotal: number;
  relations: Record<string, number>;
  relationTotal: number;
  signatures: Signature[];
  /** Relation types with fewer than half the median count of relation types. */
  longTail: string[];
  overlappingEntityPairs: number;
  /** Relation instances whose arguments could not be located in the text (CasRel, CSV). */
  unalignedRelations: number;
}

/** Running statistics, fed one example at a time (memory does not grow with the data). */
export class StatsCollector {
  examples = 0;
  sentences = 0;
  documents = 0;
  tokens = 0;
  entities = new Map<string, number>();
  relations = new Map<string, number>();
  signatures = new Map<string, number>();
  overlaps = 0;
  unaligned = 0;

  add(ex: Example): void {
    this.examples++;
    this.sentences += sentenceCount(ex);
    if (ex.docStart !== undefined) this.documents += ex.docStart.split('\n\n').length;
    else if (ex.sentenceStarts) this.documents++;
    this.tokens += ex.tokens.length;
    for (const e of ex.entities) this.entities.set(e.type, (this.entities.get(e.type) ?? 0) + 1);
    const sorted = inTextOrder(ex.entities) ? ex.entities : [...ex.entities].sort((a, b) => a.start - b.start);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j].start < sorted[i].end; j++) this.overlaps++;
    }
    for (const r of ex.relations) {
      this.relations.set(r.type, (this.relations.get(r.type) ?? 0) + 1);
      const k = `${ex.entities[r.head].type}\u0000${r.type}\u0000${ex.entities[r.tail].type}`;
      this.signatures.set(k, (this.signatures.get(k) ?? 0) + 1);
    }
    for (const [, t] of unalignedTriples(ex)) {
      this.relations.set(t[1], (this.relations.get(t[1]) ?? 0) + 1);
      this.unaligned++;
    }
  }

  result(): DatasetStats {
    const byCount = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    const relCounts = [...this.relations.values()].sort((a, b) => a - b);
    const median = relCounts.length ? (relCounts[(relCounts.length - 1) >> 1] + relCounts[relCounts.length >> 1]) / 2 : 0;
    const longTail = [...this.relations].filter(([, c]) => c < median / 2).sort((a, b) => a[1] - b[1]).map(([t]) => t);
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    return {
      examples: this.examples,
      sentences: this.sentences,
      documents: this.documents,
      tokens: this.tokens,
      entities: byCount(this.entities),
      entityTotal: sum(this.entities),
      relations: byCount(this.relations),
      relationTotal: sum(this.relations),
      signatures: [...this.signatures]
        .map(([k, count]) => {
          const [head, relation, tail] = k.split('\u0000');
          return { head, relation, tail, count };
        })
        .sort((a, b) => b.count - a.count || a.relation.localeCompare(b.relation)),
      longTail,
      overlappingEntityPairs: this.overlaps,
      unalignedRelations: this.unaligned,
    };
  }
}

export function formatStats(file: string, format: string, s: DatasetStats): string {
  const lines: string[] = [];
  lines.push(`${file} (${format})`);
  lines.push(`  sentences  ${s.sentences}${s.documents ? `   documents ${s.documents}` : ''}${s.examples !== s.sentences ? `   examples ${s.examples}` : ''}`);
  lines.push(`  tokens     ${s.tokens}`);
  lines.push(`  entities   ${s.entityTotal}${s.overlappingEntityPairs ? ` (${s.overlappingEntityPairs} overlapping pairs)` : ''}`);
  for (const [t, c] of Object.entries(s.entities)) lines.push(`    ${t.padEnd(28)} ${c}`);
  if (s.relationTotal > 0) {
    lines.push(`  relations  ${s.relationTotal}${s.unalignedRelations ? ` (${s.unalignedRelations} not aligned to the text)` : ''}`);
    for (const [t, c] of Object.entries(s.relations)) lines.push(`    ${t.padEnd(28)} ${c}${s.longTail.includes(t) ? '   (long tail)' : ''}`);
    lines.push(`  relation signatures (head type, relation, tail type)`);
    for (const g of s.signatures.slice(0, 30)) lines.push(`    ${`${g.head} -${g.relation}-> ${g.tail}`.padEnd(50)} ${g.count}`);
    if (s.signatures.length > 30) lines.push(`    ... ${s.signatures.length - 30} more (use --json for all)`);
    lines.push(`  long tail (fewer than half the median count): ${s.longTail.length ? s.longTail.join(', ') : 'none'}`);
  }
  return lines.join('\n');
}
