import { describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';
import { FIXTURES, tmpDir } from '../support/paths.js';

const DIR = path.join(FIXTURES, 'malformed');

/** One fixture per kind of mistake: [file, extra args, what the error must say]. */
const CASES: Array<[string, string[], RegExp]> = [
  ['conll-missing-tag.txt', [], /conll-missing-tag\.txt:3: line has 1 column, expected 4/],
  ['conll-extra-column.txt', [], /conll-extra-column\.txt:4: line has 5 columns, expected 4/],
  ['conll-bad-tag.txt', [], /conll-bad-tag\.txt:2: malformed tag "B-"/],
  ['conll-invalid-utf8.txt', [], /conll-invalid-utf8\.txt:4: invalid UTF-8/],
  ['conll-empty.txt', [], /conll-empty\.txt: file is empty/],
  ['conll-whitespace-only.txt', [], /conll-whitespace-only\.txt: file is empty/],
  ['conll-only-docstart.txt', [], /conll-only-docstart\.txt: contains no examples/],
  ['conll-no-tag-column.txt', ['--from', 'conll'], /conll-no-tag-column\.txt:1: a CoNLL line needs at least a token and a tag column/],
  ['spert-not-array.json', ['--from', 'spert'], /spert-not-array\.json: expected a JSON array/],
  ['spert-span-out-of-range.json', [], /spert-span-out-of-range\.json: \[0\]\.entities\[1\]: span \[2, 4\) is out of range \(3 tokens\)/],
  ['spert-relation-missing-entity.json', [], /\[0\]\.relations\[0\]\.tail: points at entity 5, but the example has 1 entities/],
  ['spert-bad-type.json', [], /spert-bad-type\.json: \[0\]\.entities\[0\]\.start: .*expected number, received string/],
  ['spert-malformed-json.json', [], /spert-malformed-json\.json:2: malformed JSON/],
  ['spert-empty-span.json', [], /\[0\]\.entities\[0\]: span \[1, 1\) is empty/],
  ['spert-reversed-span.json', [], /\[0\]\.entities\[0\]: span \[2, 1\) is reversed \(its end before its start\)/],
  ['jsonl-reversed-span.jsonl', [], /jsonl-reversed-span\.jsonl:1: label\[0\]: character span \[9, 4\) is reversed/],
  ['spert-tags-length.json', [], /spert-tags-length\.json: \[0\]\.tags: has 2 tags for 3 tokens/],
  ['spert-missing-tokens.json', ['--from', 'spert'], /spert-missing-tokens\.json: \[0\]\.tokens: .*expected array/],
  ['dygie-span-outside-sentence.jsonl', [], /dygie-span-outside-sentence\.jsonl:1: ner\[1\]\[0\]: span \[2, 4\] \(inclusive\) is outside sentence 1/],
  ['dygie-relation-not-entity.jsonl', [], /dygie-relation-not-entity\.jsonl:1: relations\[0\]\[0\]: argument \[2, 2\] is not an entity/],
  ['dygie-bad-json-line.jsonl', [], /dygie-bad-json-line\.jsonl:2: malformed JSON/],
  ['dygie-ner-count.jsonl', [], /dygie-ner-count\.jsonl:1: ner: has 1 lists for 2 sentences/],
  ['jsonl-offset-out-of-range.jsonl', [], /jsonl-offset-out-of-range\.jsonl:1: label\[1\]: character span \[14, 25\) is outside the text/],
  ['jsonl-relation-unknown-id.jsonl', [], /jsonl-relation-unknown-id\.jsonl:1: relations\[0\]: to_id 3 is not the id of an entity/],
  ['jsonl-missing-text.jsonl', [], /jsonl-missing-text\.jsonl:2: text: .*expected string/],
  ['jsonl-invalid-utf8.jsonl', [], /jsonl-invalid-utf8\.jsonl:2: invalid UTF-8/],
  ['fewrel-index-out-of-range.json', [], /fewrel-index-out-of-range\.json: P177\[0\]\.t\[2\]\[0\]: token index 9 is out of range/],
  ['fewrel-not-list.json', ['--from', 'fewrel'], /fewrel-not-list\.json: P177: expected a list of instances/],
  ['fewrel-nonconsecutive.json', [], /P177\[0\]\.h\[2\]\[0\]: token indices \[1, 3\] are not consecutive/],
  ['casrel-missing-triple-list.json', ['--from', 'casrel'], /casrel-missing-triple-list\.json: \[0\]\.triple_list: .*expected array/],
  ['casrel-short-triple.json', [], /casrel-short-triple\.json: \[0\]\.triple_list\[0\]: .*expected array to have >=3 items/],
  ['tacred-end-before-start.json', [], /\[0\]\.subj_end: subj_end 0 is before subj_start 1/],
  ['tacred-out-of-range.json', [], /\[0\]\.obj_end: obj_end 4 is out of range \(4 tokens/],
  ['tacred-missing-relation.json', [], /\[0\]\.relation: .*expected string/],
  ['csv-missing-columns.csv', [], /csv-missing-columns\.csv:1: CSV header lacks/],
  ['csv-ragged-row.csv', [], /csv-ragged-row\.csv:3: row has the wrong number of columns/],
  ['csv-bad-offset.csv', [], /csv-bad-offset\.csv:2: tail_start: "fourteen" is not a character offset/],
  ['csv-mention-not-in-text.csv', [], /csv-mention-not-in-text\.csv:2: tail "London" is not in the text; correct the row or remove it/],
  ['docred-bad-sent-id.json', [], /\[0\]\.vertexSet\[0\]\[0\]\.pos: sent_id 3 does not exist/],
  ['docred-label-out-of-range.json', [], /\[0\]\.labels\[0\]: points at entity 2, but vertexSet has 1/],
  ['docred-label-mentions-out-of-range.json', [], /\[0\]\.labels\[0\]\.mentions: \[0, 3\] names no mention pair: entity 0 has 1 mention, entity 1 has 1 mention/],
  ['fewnerd-label-length.jsonl', [], /fewnerd-label-length\.jsonl:1: support\.label\[0\]: has 2 labels for 3 words/],
];

describe('malformed inputs give one clear error, exit 1 and no output file', () => {
  it('covers every fixture in tests/fixtures/malformed', () => {
    const files = readdirSync(DIR).sort();
    expect(CASES.map((c) => c[0]).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [file, args, expected] of CASES) {
    it(file, async () => {
      const out = tmpDir();
      const target = path.join(out, 'out.json');
      const r = await cli('convert', path.join(DIR, file), target, '--to', 'spert', ...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).toMatch(/^spanforge: error: /);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(out)).toEqual([]); // not even a temp file is left
      expect(existsSync(target)).toBe(false);
    });
  }

  it('names a missing input file', async () => {
    const r = await cli('stats', path.join(DIR, 'does-not-exist.txt'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does-not-exist\.txt: no such file/);
  });

  it('names an unknown format and lists the known ones', async () => {
    const r = await cli('stats', path.join(DIR, 'conll-missing-tag.txt'), '--from', 'brat');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown format "brat"; known formats: conll, spert/);
  });

  it('cannot tell an unlabelled JSON file apart and says to pass --from', async () => {
    const r = await cli('stats', path.join(DIR, 'spert-missing-tokens.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot tell the format of this file; pass --from/);
  });
});
