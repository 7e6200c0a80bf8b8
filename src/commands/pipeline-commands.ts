import type { Command } from 'commander';

/** Commands of the augmentation pipeline (registered here to keep cli.ts small). */
export function registerPipelineCommands(_program: Command, _out: (s: string) => void, _err: (s: string) => void): void {}
