import { BROWSER_FUNCTIONS } from './gallery.js';

let cached: string | null = null;

/**
 * The gallery code as one inline script, made of the source the running Node holds for each
 * function (`Function.prototype.toString`): tsc's output when running from dist/, what tsx or
 * vitest made of src/ in a checkout. esbuild (under tsx) wraps local functions in calls to its
 * `__name` helper, so the script defines one; the functions call each other by name, so each
 * must still be a plain `function name(` declaration.
 */
export function galleryScript(): string {
  if (cached) return cached;
  const parts = BROWSER_FUNCTIONS.map((f) => {
    const src = f.toString();
    if (!src.startsWith(`function ${f.name}(`)) throw new Error(`report.html script: ${f.name} is not inlinable as a function declaration`);
    return src;
  });
  const body = parts.join('\n');
  // The script is inlined into HTML: "</script" inside it would end it early.
  if (/<\/script/i.test(body)) throw new Error('report.html script contains "</script"');
  cached = `(function () {
'use strict';
var __name = function (f, n) { return Object.defineProperty(f, 'name', { value: n, configurable: true }); };
${body}
main();
})();`;
  return cached;
}
