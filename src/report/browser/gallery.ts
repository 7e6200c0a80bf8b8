/**
 * The gallery of report.html: this code runs in the reader's browser. It is type-checked with
 * the rest (DOM types) and inlined into the page as source by `galleryScript()`, so each
 * function below may use only browser globals, its parameters and the other functions listed
 * in BROWSER_FUNCTIONS: no imports at run time and no module-level values.
 */
import type { GalleryData, GalleryExample, GalleryItem } from '../gallery-types.js';

function el(tag: string, cls?: string | null, text?: string | null): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** Per token, the class that marks it: changed, moved (candidate) or dropped (seed). */
function tokenMarks(ex: GalleryExample): Map<number, string> {
  const m = new Map<number, string>();
  for (const i of ex.changed ?? []) m.set(i, 'tok chg');
  for (const i of ex.moved ?? []) m.set(i, 'tok mov');
  for (const i of ex.dropped ?? []) m.set(i, 'tok gone');
  return m;
}

/** One sentence: its tokens, with entities as nested highlighted spans (`data-ent` = index). */
function sentence(ex: GalleryExample, colour: Record<string, string>): HTMLElement {
  const box = el('div', ex.relations.length ? 'sent rel' : 'sent');
  const starts = new Map<number, number[]>();
  ex.entities.forEach((e, i) => starts.set(e.start, [...(starts.get(e.start) ?? []), i]));
  const marks = tokenMarks(ex);
  const open: Array<{ span: HTMLElement; end: number; type: string; parent: HTMLElement }> = [];
  let parent: HTMLElement = box;
  ex.tokens.forEach((tok, t) => {
    const here = (starts.get(t) ?? []).sort((a, b) => ex.entities[b].end - ex.entities[b].start - (ex.entities[a].end - ex.entities[a].start));
    for (const i of here) {
      const e = ex.entities[i];
      const span = el('span', 'ent');
      span.dataset.ent = String(i);
      span.style.borderColor = colour[e.type] ?? '#999';
      span.style.background = (colour[e.type] ?? '#999') + '22';
      span.title = e.type;
      parent.appendChild(span);
      open.push({ span, end: e.end, type: e.type, parent });
      parent = span;
    }
    const mark = marks.get(t);
    parent.appendChild(mark ? el('span', mark, tok) : document.createTextNode(tok));
    while (open.length && open[open.length - 1].end === t + 1) {
      const o = open.pop()!;
      o.span.appendChild(el('sub', null, o.type));
      parent = o.parent;
    }
    const space = ex.spaces ? ex.spaces[t] : t < ex.tokens.length - 1;
    if (space) parent.appendChild(document.createTextNode(' '));
  });
  return box;
}

/** Where an arc meets an entity: the top middle of its first line (an entity may wrap). */
function anchorOf(e: Element, left: number, top: number): { x: number; y: number } {
  const r = e.getClientRects()[0] ?? e.getBoundingClientRect();
  return { x: r.left + r.width / 2 - left, y: r.top - top };
}

interface ArcLayout {
  width: number;
  height: number;
  /** Per relation: head and tail anchors (box coordinates), or null when an entity is missing. */
  ends: Array<[{ x: number; y: number }, { x: number; y: number }] | null>;
}

/** Measure where a sentence's arcs go now (reads the layout only; null: hidden). */
function measureArcs(box: HTMLElement, ex: GalleryExample): ArcLayout | null {
  if (box.clientWidth === 0) return null;
  const r = box.getBoundingClientRect();
  // The arcs' SVG sits at the box's padding edge.
  const left = r.left + box.clientLeft;
  const top = r.top + box.clientTop;
  const ends = ex.relations.map((rel): ArcLayout['ends'][number] => {
    const h = box.querySelector(`[data-ent="${rel.head}"]`);
    const t = box.querySelector(`[data-ent="${rel.tail}"]`);
    return h && t ? [anchorOf(h, left, top), anchorOf(t, left, top)] : null;
  });
  return { width: box.clientWidth, height: box.clientHeight, ends };
}

/** Replace a sentence's arcs with ones drawn at the measured positions (writes only). */
function paintArcs(box: HTMLElement, ex: GalleryExample, layout: ArcLayout | null): void {
  box.querySelector(':scope > svg.arcs')?.remove();
  if (!layout) return; // hidden: drawn when shown
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'arcs');
  svg.setAttribute('width', String(layout.width));
  svg.setAttribute('height', String(layout.height));
  ex.relations.forEach((r, k) => {
    const end = layout.ends[k];
    if (!end) return;
    const [a, b] = end;
    const top = Math.min(a.y, b.y) - (10 + (k % 3) * 6);
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', `M${a.x},${a.y} C${a.x},${top} ${b.x},${top} ${b.x},${b.y}`);
    path.setAttribute('data-head', String(r.head));
    path.setAttribute('data-tail', String(r.tail));
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', r.negative ? '#bbb' : '#555');
    if (r.negative) path.setAttribute('stroke-dasharray', '3 3');
    path.setAttribute('marker-end', 'url(#arrow)');
    svg.appendChild(path);
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String((a.x + b.x) / 2));
    label.setAttribute('y', String(top - 2));
    label.setAttribute('font-size', '10');
    label.setAttribute('text-anchor', 'middle');
    label.textContent = r.type;
    svg.appendChild(label);
  });
  box.appendChild(svg);
}

/** Redraw the arcs of these sentences: all measured first, then all drawn, so the page is laid
 *  out once rather than once per sentence. */
function drawArcs(boxes: Array<[HTMLElement, GalleryExample]>): void {
  const layouts = boxes.map(([box, ex]) => measureArcs(box, ex));
  boxes.forEach(([box, ex], i) => paintArcs(box, ex, layouts[i]));
}

/** One gallery entry: seed and candidate side by side; returns it and its sentence boxes. */
function galleryItem(g: GalleryItem, colour: Record<string, string>): { item: HTMLElement; boxes: Array<[HTMLElement, GalleryExample]> } {
  const item = el('div', 'item ' + g.status);
  item.dataset.op = g.op;
  item.dataset.status = g.status;
  const why = g.reason ? ' · ' + g.reason + (g.detail ? ': ' + g.detail : '') : '';
  item.appendChild(el('div', 'meta', g.id + ' · ' + g.op + ' · ' + g.status + why + (g.provenanceLine ? ' · provenance.jsonl line ' + g.provenanceLine : '')));
  if (g.provenanceLine) item.dataset.provenanceLine = String(g.provenanceLine);
  if (g.raw) item.appendChild(el('pre', 'raw', 'model answer: ' + (g.raw.length > 400 ? g.raw.slice(0, 400) + '…' : g.raw)));
  const pair = el('div', 'pair');
  const boxes: Array<[HTMLElement, GalleryExample]> = [];
  for (const [side, ex] of [['seed', g.seed], ['candidate', g.candidate]] as const) {
    const col = el('div');
    col.appendChild(el('div', 'side', side));
    const box = sentence(ex, colour);
    col.appendChild(box);
    pair.appendChild(col);
    boxes.push([box, ex]);
  }
  item.appendChild(pair);
  return { item, boxes };
}

/** The arrow head every arc ends in. */
function arrowMarker(): void {
  const defs = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  defs.setAttribute('width', '0');
  defs.setAttribute('height', '0');
  defs.innerHTML = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>';
  document.body.appendChild(defs);
}

/** Show the items the operation and status filters select. */
function applyFilters(items: HTMLElement[]): void {
  const op = (document.getElementById('filter-op') as HTMLSelectElement).value;
  const acc = (document.getElementById('show-accepted') as HTMLInputElement).checked;
  const rej = (document.getElementById('show-rejected') as HTMLInputElement).checked;
  let shown = 0;
  for (const item of items) {
    const s = item.dataset.status;
    const ok = (!op || item.dataset.op === op) && ((s === 'accepted' && acc) || (s === 'rejected' && rej));
    item.style.display = ok ? '' : 'none';
    if (ok) shown++;
  }
  document.getElementById('shown')!.textContent = shown + ' shown';
}

function main(): void {
  const data = JSON.parse(document.getElementById('report-data')!.textContent!) as GalleryData;
  const gallery = document.getElementById('gallery')!;
  const withArcs = new Map<HTMLElement, GalleryExample>();
  const items = data.gallery.map((g) => {
    const { item, boxes } = galleryItem(g, data.colour);
    for (const [box, ex] of boxes) if (ex.relations.length) withArcs.set(box, ex);
    gallery.appendChild(item);
    return item;
  });
  // Arcs are drawn from measured positions, so they are drawn again whenever a sentence box
  // changes size (window width, wrapping, an item shown by the filters) or fonts load.
  const observer = new ResizeObserver((entries) => drawArcs(entries.flatMap((e): Array<[HTMLElement, GalleryExample]> => {
    const ex = withArcs.get(e.target as HTMLElement);
    return ex ? [[e.target as HTMLElement, ex]] : [];
  })));
  withArcs.forEach((_, box) => observer.observe(box));
  const redrawAll = () => drawArcs([...withArcs]);
  document.fonts.ready.then(redrawAll, () => undefined);
  document.fonts.addEventListener('loadingdone', redrawAll);
  arrowMarker();
  for (const id of ['filter-op', 'show-accepted', 'show-rejected']) document.getElementById(id)!.addEventListener('change', () => applyFilters(items));
  applyFilters(items);
}

/** Every function the page needs, by name; `main` runs them. */
export const BROWSER_FUNCTIONS = [el, tokenMarks, sentence, anchorOf, measureArcs, paintArcs, drawArcs, galleryItem, arrowMarker, applyFilters, main] as const;
