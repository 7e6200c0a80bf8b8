import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Small files that hold one long test (a compiler, a model, subprocesses). On a clean clone no
 * timings are cached and vitest runs larger files first, so these came last, where one of them
 * keeps one core busy while the other idles. Started first, they overlap the rest.
 */
const LONG_FIRST = ['tests/unit/typecheck.test.ts', 'tests/integration/package.test.ts', 'tests/integration/llama-cpp.test.ts', 'tests/integration/interrupt.test.ts'];

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_FIRST.findIndex((p) => f.moduleId.replace(/\\/g, '/').endsWith(p));
      return i < 0 ? LONG_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}
