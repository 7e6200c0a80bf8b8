/**
 * report.html: one self-contained page (no network, no CDN) a person opens after a run:
 * the run's counts, charts (inline SVG), diversity and cost, and a gallery of seeds and
 * candidates side by side with entities highlighted by type and relations drawn as arcs,
 * filterable by operation and by accepted or rejected.
 */
export interface GalleryExample {
  tokens: string[];
  spaces?: boolean[];
  entities: Array<{ start: number; end: number; type: string }>;
  relations: Array<{ head: number; tail: number; type: string; negative?: string }>;
}

export interface GalleryItem {
  id: string;
  op: string;
  status: 'accepted' | 'rejected';
  reason?: string;
  detail?: string;
  /** The model's own answer, for a rejected LLM candidate. */
  raw?: string;
  /** Line of `provenance.jsonl` that says how an accepted example was made. */
  provenanceLine?: number;
  seed: GalleryExample;
  candidate: GalleryExample;
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

export function renderReport(d: ReportData): string {
  const types = [...new Set([...Object.keys(d.before.entities), ...Object.keys(d.after.entities), ...d.gallery.flatMap((g) => [...g.seed.entities, ...g.candidate.entities].map((e) => e.type))])].sort();
  const colour = Object.fromEntries(types.map((t, i) => [t, PALETTE[i % PALETTE.length]]));
  const ops = Object.keys(d.byOperation).sort();
  const opRows = ops
    .map((op) => {
      const c = d.byOperation[op];
      const rate = c.candidates ? ((100 * c.accepted) / c.candidates).toFixed(1) : '0.0';
      const reasons = Object.entries(c.rejected).map(([r, n]) => `${esc(r)} ${n}`).join(', ');
      return `<tr><td>${esc(op)}</td><td>${c.candidates}</td><td>${c.accepted}</td><td>${rate}%</td><td>${reasons || '—'}</td></tr>`;
    })
    .join('');
  const kv = (o: Record<string, unknown>) =>
    Object.entries(o)
      .map(([k, v]) => `<tr><td>${esc(k.replace(/_/g, ' '))}</td><td>${esc(String(v ?? '—'))}</td></tr>`)
      .join('');
  // Data for the gallery script; "</" is escaped so it cannot close the script element.
  const json = JSON.stringify({ gallery: d.gallery, colour }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}header p{margin:0;color:#cfd8dc}
main{padding:16px 24px;max-width:1200px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 16px}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px}
.card b{display:block;font-size:22px}.card span{color:#666;font-size:12px;text-transform:uppercase}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px}
.chart h3{margin:4px 0;font-size:14px}.lbl,.num{font-size:11px;fill:#333}.before{fill:#90a4ae}.after{fill:#26a69a}
.legend{font-size:12px;margin:0}.sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}.sw.before{background:#90a4ae}.sw.after{background:#26a69a}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;font-size:13px}
.muted{color:#888}.filters{margin:16px 0 8px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.item{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:8px 12px}.item.rejected{border-left:4px solid #e53935}.item.accepted{border-left:4px solid #43a047}
.item .meta{font-size:12px;color:#555;margin-bottom:4px}.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.sent{position:relative;padding-top:30px;line-height:2.1}.sent svg.arcs{position:absolute;left:0;top:0;overflow:visible;pointer-events:none}
.ent{border-radius:3px;padding:1px 2px;border-bottom:3px solid}.ent sub{font-size:9px;margin-left:2px;opacity:.8}
.side{font-size:11px;color:#777;text-transform:uppercase}.raw{font-size:12px;background:#f5f5f5;padding:4px 6px;white-space:pre-wrap;margin:4px 0}.key span{display:inline-block;margin-right:8px;font-size:12px}
</style></head>
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
<div class="charts" style="margin-top:16px">
<section class="chart"><h3>Diversity of the accepted candidates</h3><table id="diversity">${kv(d.diversity)}</table></section>
<section class="chart"><h3>Cost</h3><table id="cost">${kv(d.cost)}</table></section>
</div>
<h2>Gallery</h2>
<div class="key">${types.map((t) => `<span><span class="sw" style="background:${colour[t]}"></span>${esc(t)}</span>`).join('')}</div>
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
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var colour = data.colour;
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function sentence(ex) {
    var box = el('div', 'sent');
    var starts = {}, ends = {};
    ex.entities.forEach(function (e, i) { (starts[e.start] = starts[e.start] || []).push(i); ends[e.end] = (ends[e.end] || 0) + 1; });
    var open = [];
    var parent = box;
    ex.tokens.forEach(function (tok, t) {
      (starts[t] || []).sort(function (a, b) { return (ex.entities[b].end - ex.entities[b].start) - (ex.entities[a].end - ex.entities[a].start); }).forEach(function (i) {
        var e = ex.entities[i];
        var span = el('span', 'ent');
        span.dataset.ent = String(i);
        span.style.borderColor = colour[e.type] || '#999';
        span.style.background = (colour[e.type] || '#999') + '22';
        span.title = e.type;
        parent.appendChild(span);
        open.push({ span: span, end: e.end, type: e.type, parent: parent });
        parent = span;
      });
      parent.appendChild(document.createTextNode(tok));
      while (open.length && open[open.length - 1].end === t + 1) {
        var o = open.pop();
        var sub = el('sub', null, o.type);
        o.span.appendChild(sub);
        parent = o.parent;
      }
      var space = ex.spaces ? ex.spaces[t] : t < ex.tokens.length - 1;
      if (space) parent.appendChild(document.createTextNode(' '));
    });
    return box;
  }
  function drawArcs(box, ex) {
    if (!ex.relations.length) return;
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'arcs');
    svg.setAttribute('width', String(box.clientWidth));
    svg.setAttribute('height', String(box.clientHeight));
    var base = box.getBoundingClientRect();
    ex.relations.forEach(function (r, k) {
      var h = box.querySelector('[data-ent="' + r.head + '"]');
      var t = box.querySelector('[data-ent="' + r.tail + '"]');
      if (!h || !t) return;
      var a = h.getBoundingClientRect(), b = t.getBoundingClientRect();
      var x1 = a.left + a.width / 2 - base.left, y1 = a.top - base.top;
      var x2 = b.left + b.width / 2 - base.left, y2 = b.top - base.top;
      var lift = 10 + (k % 3) * 6;
      var path = document.createElementNS(ns, 'path');
      path.setAttribute('d', 'M' + x1 + ',' + y1 + ' C' + x1 + ',' + (Math.min(y1, y2) - lift) + ' ' + x2 + ',' + (Math.min(y1, y2) - lift) + ' ' + x2 + ',' + y2);
      path.setAttribute('fill', 'none');
      path.setAttribute('stroke', r.negative ? '#bbb' : '#555');
      if (r.negative) path.setAttribute('stroke-dasharray', '3 3');
      path.setAttribute('marker-end', 'url(#arrow)');
      svg.appendChild(path);
      var label = document.createElementNS(ns, 'text');
      label.setAttribute('x', String((x1 + x2) / 2));
      label.setAttribute('y', String(Math.min(y1, y2) - lift - 2));
      label.setAttribute('font-size', '10');
      label.setAttribute('text-anchor', 'middle');
      label.textContent = r.type;
      svg.appendChild(label);
    });
    box.appendChild(svg);
  }
  var gallery = document.getElementById('gallery');
  var rendered = data.gallery.map(function (g) {
    var item = el('div', 'item ' + g.status);
    item.dataset.op = g.op;
    item.dataset.status = g.status;
    item.appendChild(el('div', 'meta', g.id + ' · ' + g.op + ' · ' + g.status + (g.reason ? ' · ' + g.reason + (g.detail ? ': ' + g.detail : '') : '') + (g.provenanceLine ? ' · provenance.jsonl line ' + g.provenanceLine : '')));
    if (g.provenanceLine) item.dataset.provenanceLine = String(g.provenanceLine);
    if (g.raw) item.appendChild(el('pre', 'raw', 'model answer: ' + (g.raw.length > 400 ? g.raw.slice(0, 400) + '…' : g.raw)));
    var pair = el('div', 'pair');
    var left = el('div'), right = el('div');
    left.appendChild(el('div', 'side', 'seed'));
    right.appendChild(el('div', 'side', 'candidate'));
    var s1 = sentence(g.seed), s2 = sentence(g.candidate);
    left.appendChild(s1); right.appendChild(s2);
    pair.appendChild(left); pair.appendChild(right);
    item.appendChild(pair);
    gallery.appendChild(item);
    return { item: item, boxes: [[s1, g.seed], [s2, g.candidate]] };
  });
  function arcsFor(r) { if (r.drawn || r.item.style.display === 'none') return; r.drawn = true; r.boxes.forEach(function (b) { drawArcs(b[0], b[1]); }); }
  function apply() {
    var op = document.getElementById('filter-op').value;
    var acc = document.getElementById('show-accepted').checked;
    var rej = document.getElementById('show-rejected').checked;
    var shown = 0;
    rendered.forEach(function (r) {
      var s = r.item.dataset.status;
      var ok = (!op || r.item.dataset.op === op) && ((s === 'accepted' && acc) || (s === 'rejected' && rej));
      r.item.style.display = ok ? '' : 'none';
      if (ok) { shown++; arcsFor(r); }
    });
    document.getElementById('shown').textContent = shown + ' shown';
  }
  ['filter-op', 'show-accepted', 'show-rejected'].forEach(function (id) { document.getElementById(id).addEventListener('change', apply); });
  var defs = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  defs.setAttribute('width', '0'); defs.setAttribute('height', '0');
  defs.innerHTML = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>';
  document.body.appendChild(defs);
  apply();
})();
</script>
</body></html>
`;
}
