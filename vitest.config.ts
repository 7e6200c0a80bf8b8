import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './tests/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn the CLI; two workers suit the 2-core CI machine.
    maxWorkers: 2,
    sequence: { sequencer: LongFirstSequencer },
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
