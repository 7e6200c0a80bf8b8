import { describe, expect, it } from 'vitest';
import { TruthBook, defaultAnswer, verifyAnswer, type ChatBody } from '../support/llm-test-server.js';

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

  it('judges a name by its kind across schemas: a PER of the truth book is a Peop, not an Org', () => {
    const asPeop = '<text>Clara Voss moved to Kirkhaven .</text>\nIn this text, is "Clara Voss" an entity of type Peop? Answer as JSON';
    expect(share('mention_check', asPeop, 1, (a) => a.answer === 'yes')).toBe(1);
    expect(share('mention_check', asPeop.replace('type Peop', 'type Org'), 1, (a) => a.answer === 'no')).toBe(1);
    const which = '<text>Clara Voss moved to Kirkhaven .</text>\nWhat is "Clara Voss" in this text? Choose one of: Loc, Org, Peop, none. Answer as JSON';
    expect(share('mention_type', which, 1, (a) => a.type === 'Peop')).toBe(1);
  });
});

describe("the test server's good long-tail sentences", () => {
  it('never give one placeholder name two types', () => {
    const types = new Map<string, Set<string>>();
    for (const [h, t] of [['Peop', 'Peop'], ['Org', 'Loc'], ['Peop', 'Org'], ['Loc', 'Loc']]) {
      for (let k = 0; k < 40; k++) {
        const user = `Demonstrations:\n- [A]{${h}#1} x [B]{${t}#2}\nRelation: rel\nWrite 3 new sentences like [A]{${h}#1} and [B]{${t}#2} .`;
        const { sentences } = JSON.parse(defaultAnswer(body(user), 'long_tail_sentences', `key${h}${t}${k}`)) as { sentences: string[] };
        for (const s of sentences) for (const m of s.matchAll(/\[([^\]]+)\]\{([^}#]+)#/g)) types.set(m[1], (types.get(m[1]) ?? new Set()).add(m[2]));
      }
    }
    expect(types.size).toBeGreaterThan(100);
    expect([...types].filter(([, s]) => s.size > 1)).toEqual([]);
  });
});
