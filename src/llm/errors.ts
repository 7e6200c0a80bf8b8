/** A failure of the transport (HTTP status, timeout, connection): retried with backoff. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** The answer did not fit the schema after the allowed re-asks. */
export class SchemaError extends Error {
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
    this.name = 'SchemaError';
  }
}

/** The run's request or token budget is spent: stop cleanly, keep what is finished. */
export class BudgetExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetExceeded';
  }
}

/** Remove anything that looks like an API key from a message before it is shown or stored. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('[redacted]');
  return out.replace(/\b(sk-[A-Za-z0-9_-]{6,})\b/g, '[redacted]').replace(/(Bearer\s+)[^\s"']+/gi, '$1[redacted]');
}
