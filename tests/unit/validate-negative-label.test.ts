import { describe, expect, it } from 'vitest';
import { undeclaredSummary, type ValidateResult } from '../../src/commands/validate.js';

const result = (undeclared: ValidateResult['undeclared']): ValidateResult => ({ valid: true, format: 'jsonl', examples: 3, problems: [], warnings: [], undeclared });

describe('validate --types, closing line', () => {
  it('says what the negatives label is and where negatives go instead', () => {
    const line = undeclaredSummary(result([{ kind: 'relation', type: 'no_relation', count: 24 }]), '/x/conll04_types.json');
    expect(line).toMatch(/^labels not in conll04_types\.json: relation "no_relation" 24 times; "no_relation" is the label the negatives recipes give/);
    expect(line).toMatch(/--to spert/);
  });
  it('adds nothing for other undeclared labels, nor for an entity type of that name', () => {
    expect(undeclaredSummary(result([{ kind: 'relation', type: 'Founded', count: 2 }]), 'types.json')).toBe('labels not in types.json: relation "Founded" 2 times');
    expect(undeclaredSummary(result([{ kind: 'entity', type: 'no_relation', count: 1 }]), 'types.json')).toBe('labels not in types.json: entity "no_relation" 1 time');
  });
});
