/** Edit distance (Levenshtein) between two short names. */
function distance(a: string, b: string): number {
  const m = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) m[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) m[i][j] = Math.min(m[i - 1][j] + 1, m[i][j - 1] + 1, m[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return m[a.length][b.length];
}

/** The known name closest to a mistyped one, when it is close enough to be the one meant. */
export function closest(name: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const x = distance(name.toLowerCase(), o.toLowerCase());
    if (x < bestD) [best, bestD] = [o, x];
  }
  // Short names allow fewer edits: "xyz" is no typo of "nyt".
  const allowed = name.length <= 4 ? 1 : name.length <= 8 ? 2 : Math.max(3, name.length / 3);
  return bestD <= allowed ? best : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(name: string, options: readonly string[]): string {
  const hint = closest(name, options);
  return hint ? `; did you mean "${hint}"?` : '';
}
