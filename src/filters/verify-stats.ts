import type { LlmPort } from '../llm/client.js';

/**
 * What LLM verification cost and what it took, for report.json: the candidates that reached
 * it, those it let through (the yield), its rejections by reason, and the questions it asked
 * (model answers used, cached or fresh, so a rerun reports the same) with their tokens.
 */
export class VerifyStats {
  candidates = 0;
  passed = 0;
  readonly rejected: Record<string, number> = {};
  readonly questions: Record<string, number> = {};
  promptTokens = 0;
  completionTokens = 0;

  /** The port verification asks through: every question is counted by its kind. */
  counting(llm: LlmPort): LlmPort {
    return {
      generate: async (req) => {
        this.questions[req.schemaName] = (this.questions[req.schemaName] ?? 0) + 1;
        const r = await llm.generate(req);
        this.promptTokens += r.usage.promptTokens;
        this.completionTokens += r.usage.completionTokens;
        return r;
      },
    };
  }

  /** Record one candidate's verdict. */
  verdict(reason: string | null): void {
    this.candidates++;
    if (reason === null) this.passed++;
    else this.rejected[reason] = (this.rejected[reason] ?? 0) + 1;
  }

  result() {
    const total = Object.values(this.questions).reduce((a, b) => a + b, 0);
    const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    return {
      candidates_before: this.candidates,
      candidates_after: this.passed,
      yield: this.candidates ? Math.round((this.passed / this.candidates) * 10000) / 10000 : null,
      rejected_by_reason: sorted(this.rejected),
      requests: total,
      requests_by_kind: sorted(this.questions),
      requests_per_candidate: this.candidates ? Math.round((total / this.candidates) * 100) / 100 : null,
      prompt_tokens: this.promptTokens,
      completion_tokens: this.completionTokens,
    };
  }
}
