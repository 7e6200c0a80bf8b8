import { z } from 'zod';
import type { Example } from '../../core/model.js';
import { exampleFromMarkup, renderMarkup } from '../../llm/markup.js';
import { Bm25 } from '../../core/retrieval.js';
import { relationCounts, resolveTarget, targetParam } from '../span/long-tail.js';
import { commonLlmParams, requestFailure } from './context-rewrite.js';
import { askJson, type LlmOperation, type LlmOutcome } from './llm-types.js';
import { verifyRelation } from '../../llm/relation-choice.js';

export const llmLongTailParams = z.strictObject({
  ...commonLlmParams,
  target: targetParam,
  /** Sentences asked for in one request. */
  per_request: z.number().int().min(1).max(20).default(4),
  /** Demonstrations retrieved (BM25) from the relation's own seeds. */
  demonstrations: z.number().int().min(0).max(20).default(4),
  /** Ask for this many more than the deficit, to absorb rejections. */
  overgenerate: z.number().min(1).max(5).default(1.5),
  /** QA4RE-style check: the model picks the relation of the generated pair from the schema's relations. */
  verify: z.boolean().default(true),
  /** One line per relation type, given to the model. */
  relation_definitions: z.record(z.string(), z.string()).default({}),
});
type Params = z.infer<typeof llmLongTailParams>;

interface Job {
  relation: string;
  head: string;
  tail: string;
  n: number;
  turn: number;
}

interface Plan {
  target: number;
  before: Record<string, number>;
  after: Record<string, number>;
  unreachable: string[];
  jobs: Map<string, Job[]>;
  seeds: readonly Example[];
  holders: Map<string, number[]>;
  bm25: Bm25;
  relationTypes: string[];
}

/** A seed shown with only one relation's head and tail marked (#1 head, #2 tail). */
function demo(ex: Example, relIndex: number): string {
  const r = ex.relations[relIndex];
  const two: Example = { ...ex, entities: [ex.entities[r.head], ex.entities[r.tail]], relations: [{ head: 0, tail: 1, type: r.type }] };
  return renderMarkup(two);
}

const sentencesSchema = z.object({ sentences: z.array(z.string()).min(1) });

/**
 * Long-tail relations with a model: for each rare relation, new sentences are generated from
 * its definition and k demonstrations retrieved from its seeds by BM25 (in the spirit of
 * GPT-RE's task-aware retrieval), head and tail marked; then, optionally, the model picks the
 * relation of each generated pair from a multiple-choice list of the schema's relations
 * (QA4RE style) and the candidate is kept only if the answer matches.
 */
export const llmLongTail: LlmOperation<Params> = {
  name: 'llm_long_tail_v1',
  summary: 'generate sentences for rare relations from retrieved demonstrations, verified by multiple choice',
  params: llmLongTailParams,
  llm: true,
  prepare(seeds, p, corpus) {
    const counts = relationCounts(seeds);
    const target = resolveTarget(counts, p.target);
    const holders = new Map<string, number[]>();
    seeds.forEach((ex, i) => {
      for (const t of new Set(ex.relations.filter((r) => !r.negative).map((r) => r.type))) {
        let l = holders.get(t);
        if (!l) holders.set(t, (l = []));
        l.push(i);
      }
    });
    const jobs = new Map<string, Job[]>();
    const after = Object.fromEntries(counts);
    for (const rel of [...counts.keys()].sort()) {
      const deficit = target - counts.get(rel)!;
      if (deficit <= 0) continue;
      const requests = Math.ceil((deficit * p.overgenerate) / p.per_request);
      const hs = holders.get(rel)!;
      for (let q = 0; q < requests; q++) {
        const seed = seeds[hs[q % hs.length]];
        const inst = seed.relations.find((r) => r.type === rel && !r.negative)!;
        let l = jobs.get(seed.id);
        if (!l) jobs.set(seed.id, (l = []));
        l.push({ relation: rel, head: seed.entities[inst.head].type, tail: seed.entities[inst.tail].type, n: p.per_request, turn: q });
      }
      after[rel] = counts.get(rel)! + requests * p.per_request;
    }
    return { target, before: Object.fromEntries(counts), after, unreachable: [], jobs, seeds, holders, bm25: new Bm25(seeds), relationTypes: [...corpus.schema.relationTypes].sort() } satisfies Plan;
  },
  async run(seed, p, { llm, state, variant }) {
    const plan = state as Plan;
    const out: LlmOutcome[] = [];
    for (const job of plan.jobs.get(seed.id) ?? []) {
      const ids = plan.bm25.top(seed.tokens, p.demonstrations, plan.holders.get(job.relation));
      const demos = ids.map((i) => {
        const ex = plan.seeds[i];
        return demo(ex, ex.relations.findIndex((r) => r.type === job.relation && !r.negative));
      });
      const definition = p.relation_definitions[job.relation] ?? `the relation "${job.relation}"`;
      const user = [
        `Relation: ${job.relation} — ${definition}.`,
        `Head type: ${job.head}. Tail type: ${job.tail}.`,
        demos.length ? `Examples:\n${demos.map((d) => `- ${d}`).join('\n')}` : '',
        `Write ${job.n} new, varied sentences that express this relation. Mark the head as [..]{${job.head}#1} and the tail as [..]{${job.tail}#2}, each exactly once, with new entities; mark nothing else.`,
        'Answer as JSON: {"sentences": ["...", ...]}.',
      ]
        .filter(Boolean)
        .join('\n');
      let sentences: string[];
      let raw: string;
      try {
        ({ value: { sentences }, raw } = await askJson(
          llm,
          { system: 'You write new training sentences for relation extraction. Entities are marked [mention]{TYPE#id}.', user },
          sentencesSchema,
          'long_tail_sentences',
          { ...p, variant: variant * 1000 + job.turn, op: 'llm_long_tail_v1' },
        ));
      } catch (err) {
        out.push(...requestFailure(err));
        continue;
      }
      // A two-entity frame: the parser checks ids, types and markup against it.
      const frame: Example = {
        id: seed.id,
        tokens: ['_'],
        entities: [
          { start: 0, end: 1, type: job.head },
          { start: 0, end: 1, type: job.tail },
        ],
        relations: [{ head: 0, tail: 1, type: job.relation }],
      };
      for (const s of sentences.slice(0, job.n)) {
        const r = exampleFromMarkup(frame, s, { sameText: false });
        if (!('example' in r)) {
          out.push({ ...r, raw: s || raw });
          continue;
        }
        if (p.verify) {
          const why = await verifyRelation(r.example, 0, llm, plan.relationTypes, { op: 'llm_long_tail_v1' });
          if (why) {
            out.push(why.reason === 'verification_error' ? { reason: 'verification_error', detail: why.detail } : { ...why, raw: s });
            continue;
          }
        }
        out.push({ example: r.example, note: job.relation });
      }
    }
    return out;
  },
};
