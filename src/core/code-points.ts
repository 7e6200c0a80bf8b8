/**
 * Character offsets as annotation tools write them count Unicode code points: Python's str
 * (spaCy, Prodigy, doccano) and Label Studio since it fixed its emoji offsets. JavaScript strings
 * count UTF-16 units, so an emoji before a mention moved its span by one. These map one count
 * to the other; a text with no character outside the Basic Multilingual Plane maps to itself.
 */
const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** Code-point offset -> UTF-16 offset in `text`. One past the end stays past the end (a bad
 *  offset is still reported as outside the text). */
export function unitsFromCodePoints(text: string): (cp: number) => number {
  if (!ASTRAL.test(text)) return (i) => i;
  const units: number[] = [];
  let u = 0;
  for (const ch of text) {
    units.push(u);
    u += ch.length;
  }
  units.push(u);
  const last = units.length - 1;
  return (i) => (i < 0 ? i : i <= last ? units[i] : text.length + (i - last));
}

/** UTF-16 offset -> code-point offset in `text` (an offset inside a surrogate pair, which no
 *  token edge is, counts as the pair's end). */
export function codePointsFromUnits(text: string): (unit: number) => number {
  if (!ASTRAL.test(text)) return (i) => i;
  const cps = new Int32Array(text.length + 1);
  let cp = 0;
  for (let u = 0; u < text.length; ) {
    const w = (text.codePointAt(u) ?? 0) > 0xffff ? 2 : 1;
    cps[u] = cp;
    if (w === 2) cps[u + 1] = cp + 1;
    u += w;
    cp++;
  }
  cps[text.length] = cp;
  return (i) => cps[i];
}
