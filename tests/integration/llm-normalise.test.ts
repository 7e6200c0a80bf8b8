import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { tmpDir } from '../support/paths.js';
import { startTestServer } from '../support/llm-test-server.js';

// Three hand-written seeds; each one's first entity ends in a letter.
const SEEDS = ['Maria B-PER\nLopez I-PER\nworks O\nfor O\nAcme B-ORG\n. O', 'Tomas B-PER\nvisited O\nLyon B-LOC\nin O\nMay O\n. O', 'Kestrel B-ORG\nLabs I-ORG\nhired O\nClara B-PER\n. O'].join('\n\n') + '\n';

/** Four answers per seed: a mark glued to a word, a stray bracket, a chatter line, and a good one full of line breaks. */
function answers(marked: string): string[] {
  return [
    marked.replace(/\]\{([^}]*)\}/, ']{$1}xyz'),
    `${marked} [`,
    `${marked}\nNote: I kept every entity unchanged.`,
    `Reportedly ,\n\n${marked.split(' ').join('\n')}\n`,
  ];
}

describe("the model's text is normalised before it becomes tokens (test server)", () => {
  it('rejects each fault with its own reason and the raw answer; line breaks never become tokens; a CoNLL output is written', async () => {
    const server = await startTestServer({
      script: (body, { schema }) => {
        if (schema !== 'context_rewrites') return null;
        const marked = /<sentence>([\s\S]*?)<\/sentence>/.exec(body.messages[1].content)![1];
        return JSON.stringify({ rewrites: answers(marked) });
      },
    });
    try {
      const dir = tmpDir();
      const input = path.join(dir, 'seeds.conll');
      writeFileSync(input, SEEDS);
      const recipe = path.join(dir, 'r.yaml');
      writeFileSync(recipe, 'variants: 1\ninclude_original: false\noperations:\n  - op: llm_context_rewrite_v1\n    rewrites_per_request: 4\n');
      const out = path.join(dir, 'out');
      const r = await cli('augment', recipe, '--input', input, '--to', 'conll', '--out', out, '--base-url', server.url, '--model', 'm', '--quiet');
      expect(r.code, r.stderr).toBe(0);
      const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const count = (reason: string) => rejected.filter((x) => x.reason === reason).length;
      expect({ inside: count('mention_inside_word'), stray: count('stray_bracket'), chatter: count('trailing_chatter'), all: rejected.length }).toEqual({ inside: 3, stray: 3, chatter: 3, all: 9 });
      for (const x of rejected) expect(x.raw, x.reason).toBeTruthy();
      expect(rejected.find((x) => x.reason === 'mention_inside_word').detail).toMatch(/inside the word "(Lopezxyz|Tomasxyz|Labsxyz)"/);
      const conll = readFileSync(path.join(out, 'augmented.conll'), 'utf8');
      const lines = conll.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('-DOCSTART-'));
      for (const l of lines) expect(l.split(/\s/)[0], JSON.stringify(l)).not.toBe('');
      expect(lines.filter((l) => /^Reportedly\s/.test(l))).toHaveLength(3);
      expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).counts.accepted).toBe(3);
      expect((await cli('validate', path.join(out, 'augmented.conll'))).code).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('entity-free sentences: a chatter line is rejected with its reason; line breaks are never tokens', async () => {
    const server = await startTestServer({
      script: (_body, { schema }) => (schema === 'entity_free_sentences' ? JSON.stringify({ sentences: ['The weather stayed mild .\nNote: this sentence has no entities.', 'Most roads\n\nwere closed overnight .'] }) : null),
    });
    try {
      const dir = tmpDir();
      const input = path.join(dir, 'seeds.conll');
      writeFileSync(input, SEEDS);
      const recipe = path.join(dir, 'r.yaml');
      writeFileSync(recipe, 'variants: 1\ninclude_original: false\noperations:\n  - op: llm_entity_free_v1\n    per_request: 2\nfilters:\n  dedup: false\n');
      const out = path.join(dir, 'out');
      const r = await cli('augment', recipe, '--input', input, '--limit', '1', '--to', 'conll', '--out', out, '--base-url', server.url, '--model', 'm', '--quiet');
      expect(r.code, r.stderr).toBe(0);
      const rejected = readFileSync(path.join(out, 'rejected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(rejected.map((x) => x.reason)).toEqual(['trailing_chatter']);
      const tokens = readFileSync(path.join(out, 'augmented.conll'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => l.split(' ')[0]);
      expect(tokens).toEqual(['Most', 'roads', 'were', 'closed', 'overnight', '.']);
    } finally {
      await server.close();
    }
  });
});
