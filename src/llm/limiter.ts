/**
 * Concurrency, requests-per-minute and tokens-per-minute limits, plus a shared pause when the
 * server says Retry-After. Waiting callers are served in arrival order.
 */
export interface LimiterOptions {
  concurrency: number;
  rpm?: number;
  tpm?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  /** Earliest time the next request may start (requests are paced evenly under rpm). */
  private nextStart = 0;
  private readonly tokens: Array<[number, number]> = [];
  private pausedUntil = 0;
  constructor(private readonly o: LimiterOptions) {}

  /** Pause every new request until `ms` from now (Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private async acquireSlot(): Promise<void> {
    if (this.active < this.o.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }

  /** Wait for the rate limits: starts paced 60 s / rpm apart, and at most tpm tokens in any 60 s. */
  private async waitForRate(estTokens: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now);
        continue;
      }
      while (this.tokens.length && now - this.tokens[0][0] >= 60_000) this.tokens.shift();
      let wait = 0;
      if (this.o.rpm && now < this.nextStart) wait = this.nextStart - now;
      if (this.o.tpm) {
        const used = this.tokens.reduce((a, [, t]) => a + t, 0);
        if (used + estTokens > this.o.tpm && this.tokens.length) wait = Math.max(wait, 60_000 - (now - this.tokens[0][0]) + 1);
      }
      if (wait === 0) {
        if (this.o.rpm) this.nextStart = Math.max(now, this.nextStart) + 60_000 / this.o.rpm;
        if (this.o.tpm) this.tokens.push([now, estTokens]);
        return;
      }
      await sleep(wait);
    }
  }

  async run<T>(estTokens: number, fn: () => Promise<T>): Promise<T> {
    await this.acquireSlot();
    try {
      await this.waitForRate(estTokens);
      return await fn();
    } finally {
      this.release();
    }
  }
}
