#!/usr/bin/env node
// Installed entry point: load the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../cli.ts');
