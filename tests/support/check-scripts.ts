/**
 * Bad answers for the model-output checks (language, script, type fit, unmarked names), as a
 * script for the test server: a share of the answer items (by key hash) is bad in one of the
 * classes, the rest are the default script's. Every item's text goes into a ledger with its
 * class, so a run's accepted and rejected candidates can be traced to the class they came from;
 * bad items note their true entities in the server's truth book (verification answers use it).
 */
import { createHash } from 'node:crypto';
import { answerTexts, defaultAnswer, firstUser, truthKey, unmark, type Script, type TrueEntity } from './llm-test-server.js';

export type BadClass = 'foreign_language' | 'foreign_script' | 'wrong_type' | 'unmarked_name';
export const BAD_CLASSES: BadClass[] = ['foreign_language', 'foreign_script', 'wrong_type', 'unmarked_name'];

const h = (s: string) => parseInt(createHash('sha1').update(s).digest('hex').slice(0, 8), 16);

/** Frames in other languages; `{E}` takes the marked entities, joined by the language's "and". */
const FOREIGN: Array<[string, string]> = [
  ['Laut einem Bericht vom Montag haben {E} die Vereinbarung gestern bestätigt .', ' und '],
  ['Selon un rapport publié lundi , {E} ont confirmé l\' accord hier soir .', ' et '],
  ['Según un informe publicado el lunes , {E} confirmaron el acuerdo ayer .', ' y '],
  ['Secondo un rapporto pubblicato lunedì , {E} hanno confermato l\' accordo ieri .', ' e '],
  ['Volgens een rapport van maandag hebben {E} het akkoord gisteren bevestigd .', ' en '],
  ['{E} : sin comentarios por ahora .', ' y '],
  ['Die Gespräche mit {E} wurden ohne Ergebnis abgebrochen .', ' und '],
  ['Segundo fontes oficiais , {E} assinaram o acordo em segredo .', ' e '],
];
const OTHER_SCRIPT = ['Иван Петров', 'Sen. Иван Петров', 'Γιώργος Παπαδόπουλος', '北京大学'];
const PREFIX_SCRIPT = ['По данным источников ,', 'Σύμφωνα με πηγές ,'];
const UNMARKED: Record<'person' | 'org' | 'place', string[]> = {
  person: ['Dana Whitfield', 'Oskar Brandt', 'Mirela Kovac', 'Hugo Tanaka'],
  org: ['Corvex Partners', 'Altamira Group', 'Pellucid Media'],
  place: ['Brennick', 'Santa Olvera'],
};
const family = (type: string): 'person' | 'org' | 'place' | 'other' => (/^(per|peop)/i.test(type) ? 'person' : /^org/i.test(type) ? 'org' : /^loc/i.test(type) ? 'place' : 'other');
/** Names of a type family, for a slot of another family. */
const POOL: Record<'person' | 'org' | 'place' | 'other', string[]> = {
  person: ['Clara Voss', 'Martin Ekberg', 'Tomas Reyes'],
  org: ['Halcyon Systems', 'Kestrel Labs', 'Northwind Trading'],
  place: ['Paris', 'Chicago', 'Moscow', 'Port Ellis', 'Kirkhaven'],
  other: ['Olympics', 'Windows'],
};

/** The schema's types as the prompt's label guide lists them. */
const guideTypes = (user: string) => [...user.matchAll(/^- (\S+):/gm)].map((m) => m[1]);

export interface BadAnswers {
  script: Script;
  /** truthKey(text) -> 'good' or the bad class of the item that made it. */
  ledger: Map<string, string>;
}

/** Bad items at `rate` (0..1) of the answer items, each of one class drawn among `classes`. */
export function badAnswers(rate: number, classes: readonly BadClass[] = BAD_CLASSES): BadAnswers {
  const ledger = new Map<string, string>();
  const script: Script = (body, { schema, key, truth }) => {
    if (!['context_rewrites', 'entity_replacements', 'mask_fills'].includes(schema)) return null;
    const user = firstUser(body);
    const sentence = /<sentence>([\s\S]*?)<\/sentence>/.exec(user)?.[1] ?? '';
    // A replacement on top of a bad rewrite (both levels) stays in the rewrite's class.
    const inherited = ledger.get(truthKey(unmark(sentence).text));
    const content = defaultAnswer(body, schema, key);
    const pick = (k: number): BadClass | null => {
      const usable = classes.filter((c) => (schema === 'context_rewrites' ? c !== 'wrong_type' : c === 'wrong_type' || c === 'foreign_script'));
      if (!usable.length || h(`${key}#bad#${k}`) % 1000 >= rate * 1000) return null;
      return usable[h(`${key}#class#${k}`) % usable.length];
    };
    const record = (out: string, cls: (k: number) => string, notes: Map<number, TrueEntity[]>) => {
      // Names a bad rewrite added without marks are still in the text after the replacement.
      const carried = inherited && inherited !== 'good' ? (truth.lookup(unmark(sentence).text) ?? []).filter((e) => e.unmarked) : [];
      answerTexts(schema, user, out).forEach((a, k) => {
        ledger.set(truthKey(a.text), inherited && inherited !== 'good' ? inherited : cls(k));
        const n = notes.get(k) ?? (carried.length ? a.entities : undefined);
        if (n) truth.note(a.text, [...n, ...carried]);
      });
      return out;
    };
    const notes = new Map<number, TrueEntity[]>();
    if (schema === 'context_rewrites') {
      const j = JSON.parse(content) as { rewrites: string[] };
      const classes = j.rewrites.map((_, k) => pick(k));
      j.rewrites = j.rewrites.map((r, k) => {
        const c = classes[k];
        if (!c) return r;
        const marks = sentence.match(/\[[^\]]+\]\{[^}]+\}/g) ?? [];
        const v = h(`${key}#v#${k}`);
        if (c === 'foreign_language') {
          const [frame, and] = FOREIGN[v % FOREIGN.length];
          return frame.replace('{E}', marks.join(and));
        }
        if (c === 'foreign_script') return `${PREFIX_SCRIPT[v % PREFIX_SCRIPT.length]} ${sentence}`;
        const types = guideTypes(user);
        const fam = (['person', 'org', 'place'] as const)[v % 3];
        const name = UNMARKED[fam][Math.floor(v / 8) % UNMARKED[fam].length];
        const type = types.find((t) => family(t) === fam) ?? types[0] ?? 'X';
        notes.set(k, [...unmark(sentence).entities, { text: name, type, unmarked: true }]);
        return v % 2 ? `According to ${name} , ${sentence}` : `${sentence.replace(/\s*[.!?]?\s*$/, '')} , ${fam === 'person' ? `${name} said` : `sources in ${name} said`} .`;
      });
      return record(JSON.stringify(j), (k) => classes[k] ?? 'good', notes);
    }
    const c = pick(0);
    if (!c) return record(content, () => 'good', notes);
    const j = JSON.parse(content) as { replacements?: Array<{ id: number; text: string }>; fills?: Array<{ slot: number; text: string }> };
    const items = (j.replacements ?? j.fills)!;
    if (!items.length) return record(content, () => 'good', notes);
    const slotType = (it: { id?: number; slot?: number }) =>
      schema === 'mask_fills' ? new RegExp(`<(\\S+)> \\[MASK-${it.slot}\\]`).exec(sentence)?.[1] ?? '' : new RegExp(`#${it.id} \\(([^,]+),`).exec(user)?.[1] ?? '';
    const v = h(`${key}#v`);
    const target = items[v % items.length] as { id?: number; slot?: number; text: string };
    const type = slotType(target);
    if (c === 'foreign_script') target.text = OTHER_SCRIPT[v % OTHER_SCRIPT.length];
    else {
      // Another type's name: a mention of the sentence itself when it has one, else a pool's.
      const seen = schema === 'mask_fills' ? [...sentence.matchAll(/<(\S+)> ((?:(?!<\/).)+?) <\/\1>/g)].filter((m) => !m[2].includes('[MASK')).map((m) => ({ text: m[2], type: m[1] })) : unmark(sentence).entities;
      const other = seen.filter((e) => family(e.type) !== family(type));
      const fams = (['person', 'org', 'place'] as const).filter((f) => f !== family(type));
      const fam = fams[v % fams.length];
      const types = guideTypes(user);
      const pickOther = other.length && v % 2 ? other[Math.floor(v / 4) % other.length] : { text: POOL[fam][Math.floor(v / 4) % POOL[fam].length], type: types.find((t) => family(t) === fam) ?? 'none' };
      target.text = pickOther.text;
      const out = JSON.stringify(j);
      const a = answerTexts(schema, user, out)[0];
      if (a) notes.set(0, a.entities.map((e) => (e.text === pickOther.text ? { text: e.text, type: pickOther.type } : e)));
      return record(out, () => c, notes);
    }
    return record(JSON.stringify(j), () => c, notes);
  };
  return { script, ledger };
}
