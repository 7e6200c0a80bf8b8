import type { Example } from '../core/model.js';
import type { TagScheme } from '../core/tags.js';
import type { Reporter } from './reporter.js';

export interface ReadOptions {
  /** Tag scheme of tag-based formats; detected from the file when absent. */
  scheme?: TagScheme;
  /** CoNLL: 1-based column that holds the tag (default: the last). */
  tagColumn?: number;
  /** Where problems and warnings go (strict by default: the first problem throws). */
  reporter?: Reporter;
  /** Streaming readers report the bytes read so far (for a progress bar). */
  progress?: (bytes: number) => void;
  /** CoNLL: told the file line each example starts on (validate's messages). Asked for, not
   *  kept for every read: a WeakMap entry per example costs every later GC that keeps it. */
  startLine?: (ex: Example, line: number) => void;
}

export interface WriteOptions {
  scheme?: TagScheme;
  /** CoNLL column separator (default: a space, or what the input used). */
  separator?: string;
  tagColumn?: number;
  /** Drop what the format cannot hold (and count it) instead of failing. */
  lossy?: boolean;
  /** CSV: one row per relation instance or one row per entity mention. */
  csvLayout?: 'relations' | 'entities';
}

/** Counts of what a lossy write left out, by kind. */
export type Dropped = Record<string, number>;

export interface WriteSummary {
  examples: number;
  dropped: Dropped;
}

/** Where a writer puts its text; the caller makes it atomic. */
export interface Sink {
  write(chunk: string): void | Promise<void>;
}

export interface Format {
  name: string;
  description: string;
  /** Extensions (without dot) this format is usually stored with. */
  extensions: string[];
  /** True when the reader streams (memory does not grow with the file). */
  streaming: boolean;
  read(file: string, opts?: ReadOptions): AsyncIterable<Example>;
  write(examples: AsyncIterable<Example> | Iterable<Example>, sink: Sink, opts?: WriteOptions): Promise<WriteSummary>;
}
