import type { LlmClient } from '../llm/client.js';

/**
 * Why a run whose every request to the model failed (connection refused, a bad key, a wrong
 * URL) is a failure, though its files are written: it made nothing from the model. Null when
 * any answer came (fresh or cached): bad answers are rejected candidates, and a run where only
 * some requests failed reports them in its counts.
 */
export function everyRequestFailed(llm: LlmClient | undefined, keyEnv: string): string | null {
  if (!llm || llm.failures.count === 0 || llm.accounting.answersUsed > 0) return null;
  const { count, last, status } = llm.failures;
  const check =
    status === 401 || status === 403
      ? `the API key (the ${keyEnv} environment variable) and its access to model ${llm.provider.model}`
      : status !== undefined
        ? `--base-url and --model ${llm.provider.model}`
        : 'that the model server is running and --base-url reaches it';
  return (
    `every request to the model failed (${count} request${count === 1 ? '' : 's'}; last: ${last}): no candidate came from the model. ` +
    `Check ${check}. Failed requests are not cached: the same command sends them again`
  );
}
