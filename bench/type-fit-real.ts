/**
 * False rejections of the model-free type-fit checks (WordNet classes, name-tagger classes, seed
 * name words, and all three together) on real mentions: learn from the first `--train`
 * sentences of a dataset, then judge every mention of the next `--test` sentences under its gold
 * type (each rejection is a false one), and under every other type (each acceptance is a
 * wrong-type fill let through); and each again as a fill in the slot of another mention of its
 * type in its sentence (each rejection a false one).
 *
 *   npx tsx bench/type-fit-real.ts [--train 100] [--test 1000]
 */
import type { Example } from '../src/core/model.js';
import { seedsAndHeld, TYPE_FIT_SETS } from './type-fit-data.js';
import { WordNetTypes } from '../src/filters/wordnet-types.js';
import { isCommonWord, properNounClasses } from '../src/ops/token/wordnet.js';
import { NameWords } from '../src/filters/name-words.js';
import { TaggerTypes } from '../src/filters/tagger-types.js';
import { nameTagger } from '../src/filters/name-tagger.js';
import { gazetteerKey } from '../src/filters/seed-profile.js';

const arg = (n: string, d: string) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : d);
const train = Number(arg('--train', '100'));
const test = Number(arg('--test', '1000'));
const t0 = performance.now();
const classOf = await nameTagger(isCommonWord);
console.log(`name tagger (compromise) loaded in ${Math.round(performance.now() - t0)} ms`);

for (const [name, file] of TYPE_FIT_SETS) {
  const { seeds, held } = await seedsAndHeld(file, train, test);
  const mentions = new Map<string, string[][]>();
  const known = new Set<string>();
  for (const ex of seeds) {
    for (const e of ex.entities) {
      const toks = ex.tokens.slice(e.start, e.end);
      const list = mentions.get(e.type) ?? [];
      if (!list.some((m) => m.join(' ') === toks.join(' '))) list.push(toks);
      mentions.set(e.type, list);
      known.add(gazetteerKey(toks.join(' ')));
    }
  }
  const types = [...mentions.keys()].sort();
  const each = { wordnet: new WordNetTypes(mentions, properNounClasses), tagger: new TaggerTypes(mentions, classOf), name_words: new NameWords(mentions) };
  type Replaced = ReadonlyMap<number, string>;
  const all = { conflict: (ex: Example, w: number[], r?: Replaced) => each.wordnet.conflict(ex, w, r) ?? each.tagger.conflict(ex, w, r) ?? each.name_words.conflict(ex, w) };
  const checks = { ...each, all };
  for (const [check, c] of Object.entries(checks) as Array<[string, { conflict: (ex: Example, w: number[], r?: Replaced) => unknown }]>) {
    let gold = 0, falseRej = 0, swapped = 0, caught = 0, pairs = 0, pairRej = 0;
    for (const ex of held) {
      for (const e of ex.entities) {
        // Only names the seeds do not know: the gazetteer judges the others.
        if (known.has(gazetteerKey(ex.tokens.slice(e.start, e.end).join(' ')))) continue;
        for (const t of types) {
          const one: Example = { ...ex, entities: [{ ...e, type: t }], relations: [] };
          const rej = c.conflict(one, [0]) !== null;
          if (t === e.type) (gold++, rej && falseRej++);
          else (swapped++, rej && caught++);
        }
        // As a fill in the slot of another mention of its type in the sentence (a team for a
        // team): the replacement rule must not reject it either.
        for (const a of ex.entities) {
          if (a === e || a.type !== e.type) continue;
          pairs++;
          if (c.conflict({ ...ex, entities: [e], relations: [] }, [0], new Map([[0, ex.tokens.slice(a.start, a.end).join(' ')]])) !== null) pairRej++;
        }
      }
    }
    const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
    console.log(`${name} ${check}: unknown gold mentions ${gold}, falsely rejected ${falseRej} (${pct(falseRej, gold)}); wrong-type relabels ${swapped}, rejected ${caught} (${pct(caught, swapped)}); as a fill for another mention of its type ${pairs}, falsely rejected ${pairRej} (${pct(pairRej, pairs)})`);
  }
}
