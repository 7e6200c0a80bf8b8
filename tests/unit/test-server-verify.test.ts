import { describe, expect, it } from 'vitest';
import { TruthBook, verifyAnswer, type ChatBody } from '../support/llm-test-server.js';

const body = (user: string): ChatBody => ({ model: 'm', messages: [{ role: 'user', content: user }] });
const book = new TruthBook();
book.note('Clara Voss moved to Kirkhaven .', [{ text: 'Clara Voss', type: 'PER' }, { text: 'Kirkhaven', type: 'LOC' }]);
book.note('Dana Whitfield said Clara Voss left .', [{ text: 'Clara Voss', type: 'PER' }, { text: 'Dana Whitfield', type: 'PER', unmarked: true }]);

/** Share of right answers over many keys. */
function share(schema: string, user: string, accuracy: number, right: (a: Record<string, unknown>) => boolean): number {
  let ok = 0;
  for (let k = 0; k < 400; k++) if (right(JSON.parse(verifyAnswer(body(user), schema, `key${k}`, book, accuracy)!))) ok++;
  return ok / 400;
}

describe('the test server answers verification questions from what it wrote, right a set share of the time', () => {
  const isPer = '<text>Clara  Voss moved to Kirkhaven.</text>\nIn this text, is "Kirkhaven" an entity of type PER? Answer as JSON';
  it('yes/no questions: the truth at accuracy 1, about 85% of the time at 0.85', () => {
    expect(share('mention_check', isPer, 1, (a) => a.answer === 'no')).toBe(1);
    const s = share('mention_check', isPer, 0.85, (a) => a.answer === 'no');
    expect(s).toBeGreaterThan(0.8);
    expect(s).toBeLessThan(0.9);
  });

  it('type choices and listings: a wrong listing misses the unmarked name', () => {
    const which = '<text>Clara Voss moved to Kirkhaven .</text>\nWhat is "Kirkhaven" in this text? Choose one of: LOC, PER, none. Answer as JSON';
    expect(share('mention_type', which, 1, (a) => a.type === 'LOC')).toBe(1);
    const list = '- PER: a person\n\n<text>Dana Whitfield said Clara Voss left .</text>\nAnswer as JSON';
    const s = share('entity_annotation', list, 0.85, (a) => (a.entities as Array<{ text: string }>).some((e) => e.text === 'Dana Whitfield'));
    expect(s).toBeGreaterThan(0.8);
    expect(s).toBeLessThan(0.9);
  });
});
