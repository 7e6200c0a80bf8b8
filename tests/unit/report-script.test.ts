import { describe, expect, it } from 'vitest';
import { galleryScript } from '../../src/report/browser/script.js';
import { BROWSER_FUNCTIONS } from '../../src/report/browser/gallery.js';

describe('the gallery script inlined into report.html', () => {
  it('is one parseable script holding every browser function and no "</script"', () => {
    const js = galleryScript();
    expect(() => new Function(js)).not.toThrow();
    for (const f of BROWSER_FUNCTIONS) expect(js).toContain(`function ${f.name}(`);
    expect(js).not.toMatch(/<\/script/i);
    expect(js.trimEnd().endsWith('main();\n})();')).toBe(true);
  });
});
