/**
 * Would a "covered type" rule pay? A type whose seed mentions the model-free sources (WordNet's
 * proper-noun classes, the name tagger) nearly all know is "covered"; the rule would reject a
 * new mention in its slot that no source knows. This prints, per type, the share of its seed
 * mentions some source knows (distinct mentions / all mentions), and for several thresholds the
 * false rejections the rule would add on real data: mentions of the next `--test` sentences
 * that the seeds do not know, judged under their gold type (each rejection a false one; the
 * same base as bench/type-fit-real.ts, so the figures add to its `all` line).
 *
 *   npx tsx bench/type-coverage.ts [--train 100] [--test 1000]
 *
 * Finding (issue 11, 2026-11): no threshold pays. CoNLL04's Loc is only ~69% known (Peop ~80%),
 * so a rule that covers it costs +22 points of false rejections (+8.7 single-token only), and a
 * 90% rule covers nothing there; the test server's good fills (invented names) are unknown too.
 */
import { seedsAndHeld, TYPE_FIT_SETS } from './type-fit-data.js';
import { isCommonWord, properNounClasses } from '../src/ops/token/wordnet.js';
import { nameTagger } from '../src/filters/name-tagger.js';
import { gazetteerKey } from '../src/filters/seed-profile.js';

const arg = (n: string, d: string) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : d);
const train = Number(arg('--train', '100'));
const test = Number(arg('--test', '1000'));
const classOf = await nameTagger(isCommonWord);
const isKnown = (t: string) => properNounClasses(t).length > 0 || classOf(t) !== undefined;
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;

for (const [name, file] of TYPE_FIT_SETS) {
  const { seeds, held } = await seedsAndHeld(file, train, test);
  const byType = new Map<string, string[]>();
  const known = new Set<string>();
  for (const ex of seeds) {
    for (const e of ex.entities) {
      const t = ex.tokens.slice(e.start, e.end).join(' ');
      byType.set(e.type, [...(byType.get(e.type) ?? []), t]);
      known.add(gazetteerKey(t));
    }
  }
  // type -> [share of distinct seed mentions known, share of all seed mentions known]
  const share = new Map([...byType].sort().map(([t, list]) => {
    const d = [...new Set(list)];
    return [t, [d.filter(isKnown).length / d.length, list.filter(isKnown).length / list.length]] as const;
  }));
  console.log(`${name} --train ${train}: seed mentions some source knows (distinct / all): ${[...share].map(([t, [a, b]]) => `${t} ${pct(a, 1)} / ${pct(b, 1)}`).join(', ')}`);
  const fresh = held.flatMap((ex) => ex.entities.map((e) => ({ type: e.type, len: e.end - e.start, text: ex.tokens.slice(e.start, e.end).join(' ') }))).filter((m) => !known.has(gazetteerKey(m.text)));
  for (const th of [0.9, 0.8, 0.65]) {
    for (const [by, label] of [[0, 'distinct'], [1, 'all']] as const) {
      const covered = new Set([...share].filter(([, s]) => s[by] >= th).map(([t]) => t));
      const hit = fresh.filter((m) => covered.has(m.type) && !isKnown(m.text));
      const single = hit.filter((m) => m.len === 1).length;
      console.log(`  covered at >= ${th * 100}% of ${label} seed mentions: [${[...covered].join(', ')}]; added false rejections ${hit.length} of ${fresh.length} (+${pct(hit.length, fresh.length)}); single-token fills only ${single} (+${pct(single, fresh.length)})`);
    }
  }
}
