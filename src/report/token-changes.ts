/**
 * Which tokens a candidate changed, from its origin map (for each token, the index of the
 * token as read it is unchanged from, or -1): report.html highlights them.
 */
export interface TokenChanges {
  /** Candidate tokens that are new or changed. */
  changed: number[];
  /** Candidate tokens kept unchanged but out of their order (a shuffle): the fewest tokens
   *  whose removal leaves the rest in the seed's order. */
  moved: number[];
  /** Seed tokens no candidate token is unchanged from (replaced or removed). */
  dropped: number[];
}

/**
 * `origin` is the candidate's (absent: tokens as read); `seedOrigin` the seed's own map, so a
 * seed that was itself edited is compared by the indices both maps refer to.
 */
export function tokenChanges(origin: readonly number[] | undefined, seedOrigin: readonly number[]): TokenChanges {
  if (!origin) return { changed: [], moved: [], dropped: [] };
  const changed: number[] = [];
  const kept: number[] = [];
  origin.forEach((o, i) => (o < 0 ? changed : kept).push(i));
  const inOrder = new Set(longestIncreasing(kept.map((i) => origin[i])).map((k) => kept[k]));
  const moved = kept.filter((i) => !inOrder.has(i));
  const still = new Set(kept.map((i) => origin[i]));
  const dropped = seedOrigin.flatMap((o, j) => (o >= 0 && still.has(o) ? [] : [j]));
  return { changed, moved, dropped };
}

/** Positions of one longest strictly increasing subsequence of `xs` (patience sorting). */
export function longestIncreasing(xs: readonly number[]): number[] {
  const tails: number[] = []; // tails[k]: position of the smallest last value of a run of length k+1
  const prev = new Array<number>(xs.length).fill(-1);
  xs.forEach((x, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) out.push(i);
  return out.reverse();
}
