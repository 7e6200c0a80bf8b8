/**
 * Given names of many languages, lower-cased: the first names of every locale of faker's data
 * (`@faker-js/faker`, about 25,000 names from 77 locales; no download, about 0.4 s to load, so
 * it is imported on first use, with the name tagger). compromise knows English first names;
 * these let "Helmut Kohl" read as a person too (name-tagger.ts).
 */
export type GivenNames = ReadonlySet<string>;

interface PersonDefinitions {
  first_name?: string[] | Record<string, string[] | undefined>;
}

/** The single-word given names of faker's locale definitions (the data, not the generator). */
export function givenNamesOf(locales: Record<string, { person?: PersonDefinitions } | undefined>): Set<string> {
  const out = new Set<string>();
  for (const def of Object.values(locales)) {
    const f = def?.person?.first_name;
    if (!f) continue;
    for (const n of Array.isArray(f) ? f : Object.values(f).flat()) if (n && !/\s/.test(n)) out.add(n.toLowerCase());
  }
  return out;
}

let loading: Promise<GivenNames> | undefined;

export function givenNames(): Promise<GivenNames> {
  loading ??= import('@faker-js/faker').then(({ allLocales }) => givenNamesOf(allLocales as Record<string, { person?: PersonDefinitions }>));
  return loading;
}
