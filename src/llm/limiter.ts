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
  /** Waiting requests; the lowest priority number (the earliest seed) goes first. */
  private readonly queue: Array<{ priority: number; order: number; resolve: () => void }> = [];
  private order = 0;
  /** Earliest time the next request may start (requests are paced evenly under rpm). */
  private nextStart = 0;
  private readonly tokens: Array<[number, number]> = [];
  private pausedUntil = 0;
  constructor(private readonly o: LimiterOptions) {}

  /** Pause every new request until `ms` from now (Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private async acquireSlot(priority: number): Promise<void> {
    if (this.active < this.o.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push({ priority, order: this.order++, resolve }));
  }

  private release(): void {
    if (this.queue.length === 0) {
      this.active--;
      return;
    }
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i], b = this.queue[best];
      if (a.priority < b.priority || (a.priority === b.priority && a.order < b.order)) best = i;
    }
    this.queue.splice(best, 1)[0].resolve();
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

  /** Run fn within the limits. Earlier seeds (lower priority numbers) are served first, so
   *  results needed first for in-order output come first and a budget is spent in order. */
  async run<T>(estTokens: number, fn: () => Promise<T>, priority = 0): Promise<T> {
    await this.acquireSlot(priority);
    try {
      await this.waitForRate(estTokens);
      return await fn();
    } finally {
      this.release();
    }
  }
}
