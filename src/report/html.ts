/**
 * report.html: one self-contained page (no network, no CDN) a person opens after a run:
 * the run's counts, charts (inline SVG), diversity and cost, and a gallery of seeds and
 * candidates side by side with entities highlighted by type and relations drawn as arcs,
 * filterable by operation and by accepted or rejected.
 */
import { DIVERSITY_HINTS } from './diversity-hints.js';
import { galleryScript } from './browser/script.js';
import type { GalleryData, GalleryItem } from './gallery-types.js';

export type { GalleryExample, GalleryItem } from './gallery-types.js';

/** How often an operation was tried on a candidate, changed it, and ended in the output. */
export interface OpChanges {
  tried: number;
  changed: number;
  accepted: number;
}

export interface ReportData {
  title: string;
  recipe: string;
  input: string;
  counts: { seeds: number; candidates: number; accepted: number; rejected: number; written: number };
  before: { entities: Record<string, number>; relations: Record<string, number> };
  after: { entities: Record<string, number>; relations: Record<string, number> };
  rejectedByReason: Record<string, number>;
  byOperation: Record<string, { candidates: number; accepted: number; rejected: Record<string, number> }>;
  /** Per operation of the recipe (not per label of chained operations). */
  changes: Record<string, OpChanges>;
  diversity: Record<string, number>;
  cost: Record<string, number | string | null>;
  gallery: GalleryItem[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Grouped horizontal bars: before and after for each key. */
function bars(title: string, before: Record<string, number>, after: Record<string, number> | null, id: string): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after ?? {})])].sort((a, b) => (after?.[b] ?? before[b] ?? 0) - (after?.[a] ?? before[a] ?? 0));
  if (keys.length === 0) return `<section class="chart" id="${id}"><h3>${esc(title)}</h3><p class="muted">none</p></section>`;
  const max = Math.max(1, ...keys.map((k) => Math.max(before[k] ?? 0, after?.[k] ?? 0)));
  const rowH = after ? 30 : 18;
  const w = 520;
  const label = 170;
  let y = 4;
  let svg = '';
  for (const k of keys) {
    const b = before[k] ?? 0;
    const bw = ((w - label - 60) * b) / max;
    svg += `<text x="0" y="${y + 12}" class="lbl">${esc(k.length > 26 ? k.slice(0, 25) + '…' : k)}</text>`;
    svg += `<rect x="${label}" y="${y + 2}" width="${bw.toFixed(1)}" height="12" class="before"><title>${esc(k)} before: ${b}</title></rect><text x="${(label + bw + 4).toFixed(1)}" y="${y + 12}" class="num">${b}</text>`;
    if (after) {
      const a = after[k] ?? 0;
      const aw = ((w - label - 60) * a) / max;
      svg += `<rect x="${label}" y="${y + 15}" width="${aw.toFixed(1)}" height="12" class="after"><title>${esc(k)} after: ${a}</title></rect><text x="${(label + aw + 4).toFixed(1)}" y="${y + 25}" class="num">${a}</text>`;
    }
    y += rowH;
  }
  const legend = after ? '<p class="legend"><span class="sw before"></span> seeds <span class="sw after"></span> output</p>' : '';
  return `<section class="chart" id="${id}"><h3>${esc(title)}</h3>${legend}<svg width="${w}" height="${y + 4}" role="img" aria-label="${esc(title)}">${svg}</svg></section>`;
}

function operationRows(d: ReportData): string {
  return Object.keys(d.byOperation)
    .sort()
    .map((op) => {
      const c = d.byOperation[op];
      const rate = c.candidates ? ((100 * c.accepted) / c.candidates).toFixed(1) : '0.0';
      const reasons = Object.entries(c.rejected).map(([r, n]) => `${esc(r)} ${n}`).join(', ');
      return `<tr><td>${esc(op)}</td><td>${c.candidates}</td><td>${c.accepted}</td><td>${rate}%</td><td>${reasons || '—'}</td></tr>`;
    })
    .join('');
}

/** Per operation: how often it changed the example it was given, and how often that change was kept. */
function changeRows(d: ReportData): string {
  return Object.entries(d.changes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, c]) => {
      const share = c.tried ? ((100 * c.changed) / c.tried).toFixed(1) + '%' : '—';
      return `<tr data-op="${esc(op)}"><td>${esc(op)}</td><td class="tried">${c.tried}</td><td class="changed">${c.changed}</td><td>${share}</td><td class="accepted">${c.accepted}</td></tr>`;
    })
    .join('');
}

const kv = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `<tr><td>${esc(k.replace(/_/g, ' '))}</td><td>${esc(String(v ?? '—'))}</td></tr>`)
    .join('');

/** Diversity figures, each with a line on what it means and which way is better. */
const diversityRows = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => {
      const hint = (DIVERSITY_HINTS as Record<string, string>)[k] ?? '';
      return `<tr data-figure="${esc(k)}"><td>${esc(k.replace(/_/g, ' '))}</td><td>${esc(String(v))}</td><td class="hint">${esc(hint)}</td></tr>`;
    })
    .join('');

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}header p{margin:0;color:#cfd8dc}
main{padding:16px 24px;max-width:1200px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 16px}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px}
.card b{display:block;font-size:22px}.card span{color:#666;font-size:12px;text-transform:uppercase}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px}
.chart h3{margin:4px 0;font-size:14px}.lbl,.num{font-size:11px;fill:#333}.before{fill:#90a4ae}.after{fill:#26a69a}
.legend{font-size:12px;margin:0}.sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}.sw.before{background:#90a4ae}.sw.after{background:#26a69a}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;font-size:13px}td.hint{color:#666;font-size:12px;max-width:420px}
.muted{color:#888}.filters{margin:16px 0 8px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.item{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:8px 12px}.item.rejected{border-left:4px solid #e53935}.item.accepted{border-left:4px solid #43a047}
.item .meta{font-size:12px;color:#555;margin-bottom:4px}.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px}
.sent{position:relative;padding-top:30px;line-height:2.1;overflow-wrap:anywhere}.sent.rel{line-height:2.8}.sent svg.arcs{position:absolute;left:0;top:0;overflow:visible;pointer-events:none}
.ent{border-radius:3px;padding:1px 2px;border-bottom:3px solid}.ent sub{font-size:9px;margin-left:2px;opacity:.8}
.tok.chg{background:#fff176;border-radius:2px}.tok.mov{text-decoration:underline dotted #6a1b9a 2px}.tok.gone{text-decoration:line-through #e53935 2px;color:#777}
.side{font-size:11px;color:#777;text-transform:uppercase}.raw{font-size:12px;background:#f5f5f5;padding:4px 6px;white-space:pre-wrap;margin:4px 0}.key span{display:inline-block;margin-right:8px;font-size:12px}
`;

export function renderReport(d: ReportData): string {
  const types = [...new Set([...Object.keys(d.before.entities), ...Object.keys(d.after.entities), ...d.gallery.flatMap((g) => [...g.seed.entities, ...g.candidate.entities].map((e) => e.type))])].sort();
  const colour = Object.fromEntries(types.map((t, i) => [t, PALETTE[i % PALETTE.length]]));
  const ops = Object.keys(d.byOperation).sort();
  const opRows = operationRows(d);
  const changes = changeRows(d);
  // Data for the gallery script; "</" is escaped so it cannot close the script element.
  const data: GalleryData = { gallery: d.gallery, colour };
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title)}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>${esc(d.title)}</h1><p>recipe ${esc(d.recipe)} · input ${esc(d.input)}</p></header>
<main>
<div class="cards" id="counts">
<div class="card"><b id="count-seeds">${d.counts.seeds}</b><span>seed examples</span></div>
<div class="card"><b id="count-candidates">${d.counts.candidates}</b><span>candidates</span></div>
<div class="card"><b id="count-accepted">${d.counts.accepted}</b><span>accepted</span></div>
<div class="card"><b id="count-rejected">${d.counts.rejected}</b><span>rejected</span></div>
<div class="card"><b id="count-written">${d.counts.written}</b><span>written</span></div>
</div>
<div class="charts">
${bars('Entity mentions per type', d.before.entities, d.after.entities, 'chart-entities')}
${bars('Relations per type', d.before.relations, d.after.relations, 'chart-relations')}
${bars('Rejections by reason', d.rejectedByReason, null, 'chart-rejections')}
</div>
<h2>Operations</h2>
<table id="operations"><tr><th>operation</th><th>candidates</th><th>accepted</th><th>rate</th><th>rejected by reason</th></tr>${opRows || '<tr><td colspan="5" class="muted">none</td></tr>'}</table>
<h3>What each operation changed</h3>
<p class="muted">tried: candidates the operation was applied to; changed: how often it changed something (an operation that finds nothing to change leaves the example as it was); kept: changes in accepted candidates.</p>
<table id="op-changes"><tr><th>operation</th><th>tried</th><th>changed</th><th>changed / tried</th><th>kept</th></tr>${changes || '<tr><td colspan="5" class="muted">none</td></tr>'}</table>
<div class="charts" style="margin-top:16px">
<section class="chart"><h3>Diversity of the accepted candidates</h3><table id="diversity">${diversityRows(d.diversity)}</table></section>
<section class="chart"><h3>Cost</h3><table id="cost">${kv(d.cost)}</table></section>
</div>
<h2>Gallery</h2>
<div class="key">${types.map((t) => `<span><span class="sw" style="background:${colour[t]}"></span>${esc(t)}</span>`).join('')}
<span><span class="tok chg">word</span> changed or new</span><span><span class="tok mov">word</span> moved</span><span><span class="tok gone">word</span> seed word not kept</span></div>
<div class="filters">
<label>operation <select id="filter-op"><option value="">all</option>${ops.map((op) => `<option value="${esc(op)}">${esc(op)}</option>`).join('')}</select></label>
<label><input type="checkbox" id="show-accepted" checked> accepted</label>
<label><input type="checkbox" id="show-rejected" checked> rejected</label>
<span id="shown" class="muted"></span>
</div>
<div id="gallery"></div>
<p class="muted">The gallery shows up to ${d.gallery.length} candidates in input order; rejected.jsonl has every rejection.</p>
</main>
<script type="application/json" id="report-data">${json}</script>
<script>
${galleryScript()}
</script>
</body></html>
`;
}
