/**
 * Map an async source through an async worker with up to `window` items in flight, yielding
 * results in input order: LLM calls run concurrently, output stays deterministic.
 */
export async function* orderedMap<T, R>(source: AsyncIterable<T>, worker: (item: T, index: number) => Promise<R>, window: number): AsyncGenerator<[T, R]> {
  const inflight: Array<{ item: T; result: Promise<R> }> = [];
  let index = 0;
  const it = source[Symbol.asyncIterator]();
  let done = false;
  const fill = async () => {
    while (!done && inflight.length < window) {
      const n = await it.next();
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
