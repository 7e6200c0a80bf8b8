/** Child process for the memory benchmark: one convert, then its own peak RSS. */
import { convert } from '../src/commands/convert.js';

const [input, output] = process.argv.slice(2);
const t0 = performance.now();
await convert(input, output, {});
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }));
