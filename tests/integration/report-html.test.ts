import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { cli } from '../support/cli.js';
import { data, ROOT, tmpDir } from '../support/paths.js';
import { CHROMIUM, hasChromium, launch } from '../support/browser.js';
import type { GalleryData } from '../../src/report/gallery-types.js';

const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const embedded = (html: string) => JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]) as GalleryData;

/**
 * Every drawn relation arc of the visible gallery, checked against its entities' boxes: it must
 * start at the top of (a line of) its head entity and end at the top of its tail entity, and
 * each visible sentence must have one arc per relation.
 */
function checkArcs(page: Page) {
  return page.evaluate(() => {
    const data = JSON.parse(document.getElementById('report-data')!.textContent!) as { gallery: Array<Record<'seed' | 'candidate', { relations: Array<{ head: number; tail: number }> }>> };
    const bad: string[] = [];
    const ends: string[] = [];
    let arcs = 0;
    const items = [...document.querySelectorAll<HTMLElement>('#gallery .item')];
    items.forEach((item, i) => {
      if (item.style.display === 'none') return;
      const boxes = [...item.querySelectorAll<HTMLElement>('.sent')];
      [data.gallery[i].seed, data.gallery[i].candidate].forEach((ex, side) => {
        const box = boxes[side];
        const paths = [...box.querySelectorAll<SVGPathElement>('svg.arcs path')];
        if (paths.length !== ex.relations.length) bad.push(`item ${i} side ${side}: ${paths.length} arcs for ${ex.relations.length} relations`);
        paths.forEach((p, k) => {
          arcs++;
          const rel = ex.relations[k];
          if (p.getAttribute('data-head') !== String(rel?.head) || p.getAttribute('data-tail') !== String(rel?.tail)) bad.push(`item ${i} side ${side}: arc ${k} is not relation ${k}`);
          const origin = p.ownerSVGElement!.getBoundingClientRect();
          const nums = p.getAttribute('d')!.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
          const at = [
            { ent: p.getAttribute('data-head')!, x: origin.left + nums[0], y: origin.top + nums[1] },
            { ent: p.getAttribute('data-tail')!, x: origin.left + nums[nums.length - 2], y: origin.top + nums[nums.length - 1] },
          ];
          for (const a of at) {
            const rects = [...box.querySelector(`[data-ent="${a.ent}"]`)!.getClientRects()];
            const hit = rects.some((r) => a.x >= r.left - 0.5 && a.x <= r.right + 0.5 && Math.abs(a.y - r.top) <= 0.5);
            if (!hit) bad.push(`item ${i} side ${side} entity ${a.ent}: arc end (${a.x.toFixed(1)}, ${a.y.toFixed(1)}) off its box ${JSON.stringify(rects.map((r) => [r.left, r.top, r.right]))}`);
          }
          ends.push(`${i}/${side}: ${p.getAttribute('d')}`);
        });
      });
    });
    return { arcs, bad: bad.slice(0, 10), ends };
  });
}

/** Two animation frames: resize observations of the first are delivered by the second. */
const settle = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

// CI installs Debian's chromium (.ci/run); on a machine without it the test says why it skipped.
describe.skipIf(!hasChromium && !process.env.CI)(`report.html in headless Chromium (${hasChromium ? CHROMIUM : `skipped: no browser at ${CHROMIUM}`})`, () => {
  let browser: Browser;
  let out: string;
  let html: string;
  beforeAll(async () => {
    out = path.join(tmpDir(), 'run');
    const r = await cli('augment', 'sda', '--input', data('conll04/conll04_dev.json'), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    html = readFileSync(path.join(out, 'report.html'), 'utf8');
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(width: number): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (q) => problems.push(`request failed: ${q.url()}`));
    await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
    await page.waitForSelector('#gallery .item');
    await settle(page);
    return { page, problems };
  }

  it('renders the run counts, charts and gallery with no console errors, and filters by operation and status', async () => {
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    // Self-contained: nothing fetched (the SVG namespace URI is a name, not a request).
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|(src|href)=["']?https?:|url\(["']?https?:|@import/);
    const { page, problems } = await open(1280);

    expect(await page.textContent('#count-seeds')).toBe(String(manifest.counts.seeds));
    expect(await page.textContent('#count-candidates')).toBe(String(manifest.counts.candidates));
    expect(await page.textContent('#count-accepted')).toBe(String(manifest.counts.accepted));
    expect(await page.textContent('#count-rejected')).toBe(String(manifest.counts.rejected));
    expect(await page.locator('#chart-entities rect').count()).toBeGreaterThan(0);
    expect(await page.locator('#gallery .item .ent').count()).toBeGreaterThan(0);
    // Relations are drawn between entities.
    expect(await page.locator('#gallery svg.arcs path').count()).toBeGreaterThan(0);

    // What the gallery should show, read from the data embedded in the file (not from the page).
    const items = embedded(html).gallery;
    const rejectedItems = items.filter((g) => g.status === 'rejected').length;
    expect(rejectedItems).toBeGreaterThan(0);
    expect(rejectedItems).toBeLessThan(items.length);
    const visible = () => page.locator('#gallery .item:visible');
    expect(await visible().count()).toBe(items.length);

    await page.uncheck('#show-accepted');
    expect(await visible().count()).toBe(rejectedItems);
    expect(await visible().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(new Array(rejectedItems).fill('rejected'));
    await page.check('#show-accepted');

    const op = Object.keys(manifest.counts.by_operation).find((o) => items.some((g) => g.op === o))!;
    const ofOp = items.filter((g) => g.op === op).length;
    expect(new Set(items.map((g) => g.op)).size).toBeGreaterThan(1);
    await page.selectOption('#filter-op', op);
    expect(await visible().count()).toBe(ofOp);
    expect(await visible().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.op))).toEqual(new Array(ofOp).fill(op));
    await page.selectOption('#filter-op', '');
    expect(await visible().count()).toBe(items.length);
    // Items shown again by the filter get their arcs, in the right place.
    await settle(page);
    expect((await checkArcs(page)).bad).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: false });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws every relation arc from its head entity to its tail entity at 1400 and 700 px, and after the text reflows', async () => {
    const { page, problems } = await open(1400);
    const wide = await checkArcs(page);
    const relations = embedded(html).gallery.reduce((n, g) => n + g.seed.relations.length + g.candidate.relations.length, 0);
    expect(wide.arcs).toBe(relations);
    expect(relations).toBeGreaterThan(100);
    expect(wide.bad).toEqual([]);

    await page.setViewportSize({ width: 700, height: 900 });
    await settle(page);
    const narrow = await checkArcs(page);
    expect(narrow.arcs).toBe(relations);
    expect(narrow.bad).toEqual([]);
    // The narrower page wrapped sentences: most arcs moved, so the check above saw new positions.
    const moved = narrow.ends.filter((e, i) => e !== wide.ends[i]).length;
    expect(moved).toBeGreaterThan(relations / 2);

    // Larger text (as when a web font loads) reflows the sentences at the same width.
    await page.addStyleTag({ content: '.sent{font-size:19px}' });
    await settle(page);
    expect((await checkArcs(page)).bad).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('highlights the tokens each candidate changed and the seed tokens it did not keep', async () => {
    const { page } = await open(1400);
    const items = embedded(html).gallery;
    // From the page: per item, the text of the marked tokens of the seed and the candidate.
    const marked = await page.evaluate(() =>
      [...document.querySelectorAll('#gallery .item')].map((item) => {
        const [seed, cand] = [...item.querySelectorAll('.sent')];
        const texts = (box: Element, cls: string) => [...box.querySelectorAll(`.tok.${cls}`)].map((e) => e.textContent);
        return { changed: texts(cand, 'chg'), moved: texts(cand, 'mov'), dropped: texts(seed, 'gone') };
      }),
    );
    let changed = 0;
    let sameLength = 0;
    items.forEach((g, i) => {
      const c = g.candidate;
      expect(marked[i].changed).toEqual((c.changed ?? []).map((t) => c.tokens[t]));
      expect(marked[i].moved).toEqual((c.moved ?? []).map((t) => c.tokens[t]));
      expect(marked[i].dropped).toEqual((g.seed.dropped ?? []).map((t) => g.seed.tokens[t]));
      changed += c.changed?.length ?? 0;
      // A word replaced by one word: the changed tokens are those that differ from the seed's.
      if (g.status === 'accepted' && (g.op === 'synonym_replacement_v2' || g.op === 'label_wise_token_replacement_v2') && c.tokens.length === g.seed.tokens.length) {
        sameLength++;
        const differ = c.tokens.flatMap((t, k) => (t === g.seed.tokens[k] ? [] : [k]));
        expect(c.changed).toEqual(differ);
        expect(g.seed.dropped).toEqual(differ);
      }
      // A shuffle writes the same words in new places (its origin map calls each a new token there).
      if (g.status === 'accepted' && g.op === 'shuffle_within_segments_v2') {
        const words = (ex: typeof c, at: number[] | undefined) => (at ?? []).map((t) => ex.tokens[t]).sort();
        expect(c.changed?.length).toBeGreaterThan(1);
        expect(words(c, c.changed)).toEqual(words(g.seed, g.seed.dropped));
      }
      if (g.reason === 'unchanged') expect([c.changed, c.moved, g.seed.dropped]).toEqual([undefined, undefined, undefined]);
    });
    expect(changed).toBeGreaterThan(0);
    expect(sameLength).toBeGreaterThan(5);
    await page.close();
  });
});
