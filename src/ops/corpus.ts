import type { Example } from '../core/model.js';
import { addToSchema, emptySchema, type LabelSchema } from '../core/schema.js';

/** What operations draw from: the seed corpus's mentions, tokens and schema. */
export interface CorpusStats {
  schema: LabelSchema;
  /** type -> distinct mentions (token arrays), in first-seen order. */
  mentions: Map<string, string[][]>;
  /** `relation|head|type` or `relation|tail|type` -> distinct mentions seen in that role. */
  roleMentions: Map<string, string[][]>;
  /** token label (`B-PER`, `I-PER`, `O`) -> tokens with that label, repeated as often as seen. */
  labelTokens: Map<string, string[]>;
  /** Whether seeds have nested/overlapping entities (then outputs may too). */
  hasOverlaps: boolean;
}

/** Per-token label used by label-wise replacement: the shortest entity covering the token. */
/** B-/I- labels made once per type (this runs for every token of every candidate). */
const bioLabels = new Map<string, [string, string]>();
function bioLabel(begin: boolean, type: string): string {
  let pair = bioLabels.get(type);
  if (!pair) bioLabels.set(type, (pair = [`B-${type}`, `I-${type}`]));
  return begin ? pair[0] : pair[1];
}

export function tokenLabels(ex: Example): string[] {
  const labels = new Array<string>(ex.tokens.length).fill('O');
  const width = new Array<number>(ex.tokens.length).fill(Infinity);
  for (const e of ex.entities) {
    const w = e.end - e.start;
    for (let i = e.start; i < e.end; i++) {
      if (w < width[i]) {
        width[i] = w;
        labels[i] = bioLabel(i === e.start, e.type);
      }
    }
  }
  return labels;
}

export class CorpusBuilder {
  private readonly schema = emptySchema();
  private readonly mentions = new Map<string, Map<string, string[]>>();
  private readonly roles = new Map<string, Map<string, string[]>>();
  private readonly labelTokens = new Map<string, string[]>();
  private overlaps = false;

  add(ex: Example): void {
    addToSchema(this.schema, ex);
    const keyed = (m: Map<string, Map<string, string[]>>, k: string, toks: string[]) => {
      let inner = m.get(k);
      if (!inner) m.set(k, (inner = new Map()));
      const key = toks.join('\u0001');
      if (!inner.has(key)) inner.set(key, toks);
    };
    for (const e of ex.entities) keyed(this.mentions, e.type, ex.tokens.slice(e.start, e.end));
    for (const r of ex.relations) {
      const h = ex.entities[r.head];
      const t = ex.entities[r.tail];
      keyed(this.roles, `${r.type}|head|${h.type}`, ex.tokens.slice(h.start, h.end));
      keyed(this.roles, `${r.type}|tail|${t.type}`, ex.tokens.slice(t.start, t.end));
    }
    const labels = tokenLabels(ex);
    for (let i = 0; i < labels.length; i++) {
      let list = this.labelTokens.get(labels[i]);
      if (!list) this.labelTokens.set(labels[i], (list = []));
      list.push(ex.tokens[i]);
    }
    if (!this.overlaps) {
      const s = [...ex.entities].sort((a, b) => a.start - b.start);
      for (let i = 1; i < s.length; i++) if (s[i].start < s[i - 1].end) this.overlaps = true;
    }
  }

  build(symmetric: Iterable<string> = []): CorpusStats {
    const flat = (m: Map<string, Map<string, string[]>>) => new Map([...m].map(([k, v]) => [k, [...v.values()]]));
    for (const s of symmetric) this.schema.symmetric.add(s);
    return { schema: this.schema, mentions: flat(this.mentions), roleMentions: flat(this.roles), labelTokens: this.labelTokens, hasOverlaps: this.overlaps };
  }
}
