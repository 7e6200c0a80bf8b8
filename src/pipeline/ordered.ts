/**
 * Map a source through an async worker with up to `window` items in flight, yielding results
 * in input order: LLM calls run concurrently, output stays deterministic. A synchronous source
 * (seeds in memory) is read without a promise per item.
 */
export async function* orderedMap<T, R>(source: Iterable<T> | AsyncIterable<T>, worker: (item: T, index: number) => Promise<R>, window: number): AsyncGenerator<[T, R]> {
  const inflight: Array<{ item: T; result: Promise<R> }> = [];
  let index = 0;
  const it: Iterator<T> | AsyncIterator<T> = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  let done = false;
  const fill = async () => {
    while (!done && inflight.length < window) {
      const step = it.next();
      const n = step instanceof Promise ? await step : step;
      if (n.done) {
        done = true;
        break;
      }
      const result = worker(n.value, index++);
      result.catch(() => undefined); // observed when its turn comes
      inflight.push({ item: n.value, result });
    }
  };
  try {
    await fill();
    while (inflight.length) {
      const head = inflight.shift()!;
      const r = await head.result;
      await fill();
      yield [head.item, r];
    }
  } finally {
    if (!done) await it.return?.();
  }
}
