import { describe, expect, it } from 'vitest';
import type { LlmPort } from '../../src/llm/client.js';
import type { GenerateRequest } from '../../src/llm/types.js';
import { isMentionOfType, verifyMentions, type MentionVerifyOptions } from '../../src/filters/verify-mentions.js';
import { VerifyStats } from '../../src/filters/verify-stats.js';
import { marked } from '../support/marked.js';

/** A port answering by a function of (schema, user prompt, variant); it logs every question. */
function fakePort(answer: (schema: string, user: string, variant: number) => unknown): LlmPort & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async generate<T>(req: GenerateRequest<T>) {
      const user = req.messages.find((m) => m.role === 'user')!.content;
      log.push(`${req.schemaName}#${req.variant}`);
      const value = req.schema.parse(answer(req.schemaName, user, req.variant));
      return { value, usage: { promptTokens: 10, completionTokens: 2 }, raw: '', requests: 1, key: `${req.schemaName}${user}${req.variant}` };
    },
  };
}

const O: MentionVerifyOptions = { types: ['LOC', 'ORG', 'PER'], op: 'test', agree: 2, unmarked: true };
const seed = marked('[Maria Lopez]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .');

/** The truth of the test: Paris is a place, every other capitalised pair a person. */
const truthful = (schema: string, user: string) => {
  const mention = /(?:is|What is) "([^"]+)"/.exec(user)?.[1] ?? '';
  const type = mention === 'Paris' ? 'LOC' : mention === 'Acme Robotics' ? 'ORG' : 'PER';
  if (schema === 'mention_check') return { answer: user.includes(`a ${type}`) || user.includes(`type ${type}`) ? 'yes' : 'no' };
  if (schema === 'mention_type') return { type };
  return { entities: [] };
};

describe('per-mention verification', () => {
  it('asks about each new mention on its own; one failed mention rejects the candidate', async () => {
    const port = fakePort(truthful);
    const good = marked('[Clara Voss]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .');
    expect(await verifyMentions(good, seed, port, O)).toBeNull();
    // Only the new mention was asked about, twice ("yes" must lead by two), and the context
    // is the seed's, so no listing of entities was asked for.
    expect(port.log).toEqual(['mention_check#0', 'mention_type#0']);
    const bad = marked('[Clara Voss]{PER} works for [Acme Robotics]{ORG} , a firm based in [Paris]{PER} .');
    const r = await verifyMentions(bad, seed, fakePort(truthful), O);
    expect(r?.reason).toBe('type_mismatch');
    expect(r?.detail).toMatch(/"Paris" for a PER/);
  });

  it('a vote: one wrong "no" does not reject a good mention, one wrong "yes" does not pass a bad one', async () => {
    // The first answer is wrong, the rest right.
    const slip = (schema: string, user: string, variant: number) => {
      const right = truthful(schema, user) as { answer?: string; type?: string };
      if (variant > 0 || schema !== 'mention_check') return right;
      return { answer: right.answer === 'yes' ? 'no' : 'yes' };
    };
    expect(await isMentionOfType('Clara Voss works here .', 'Clara Voss', 'PER', fakePort(slip), O)).toBe(true);
    expect(await isMentionOfType('He lives in Paris .', 'Paris', 'PER', fakePort(slip), O)).toBe(false);
    // agree 1: the first "yes" settles it, so the slip passes the bad mention.
    expect(await isMentionOfType('He lives in Paris .', 'Paris', 'PER', fakePort(slip), { ...O, agree: 1 })).toBe(true);
  });

  it('lists the entities of a changed rewrite with the markup hidden; one the marks lack rejects it', async () => {
    const rewrite = marked('According to Dana Whitfield , [Maria Lopez]{PER} works for [Acme Robotics]{ORG} in [Lyon]{LOC} .');
    const port = fakePort((schema, user) => {
      if (schema === 'entity_annotation') {
        expect(user).not.toMatch(/\]\{|\[Maria/);
        return { entities: [{ text: 'Dana Whitfield', type: 'PER' }, { text: 'Maria Lopez', type: 'PER' }, { text: 'Acme', type: 'ORG' }, { text: 'Nowhere Town', type: 'LOC' }] };
      }
      return truthful(schema, user);
    });
    const r = await verifyMentions(rewrite, seed, port, O);
    expect(r).toEqual({ reason: 'unmarked_entity', detail: 'the model finds the PER "Dana Whitfield", which the markup lacks' });
  });

  it('a found entity inside a mark, absent from the text, or of no schema type is no unmarked name', async () => {
    const rewrite = marked('Reportedly , [Maria Lopez]{PER} works for [Acme Robotics]{ORG} in [Lyon]{LOC} .');
    const port = fakePort((schema, user) => (schema === 'entity_annotation' ? { entities: [{ text: 'Acme', type: 'ORG' }, { text: 'Dana Whitfield', type: 'PER' }, { text: 'Reportedly', type: 'ADV' }] } : truthful(schema, user)));
    expect(await verifyMentions(rewrite, seed, port, O)).toBeNull();
  });

  it('counts its questions and verdicts for report.json', async () => {
    const stats = new VerifyStats();
    const port = stats.counting(fakePort(truthful));
    const good = marked('[Clara Voss]{PER} works for [Acme Robotics]{ORG} , a firm based in [Lyon]{LOC} .');
    stats.verdict(await verifyMentions(good, seed, port, O).then((r) => r?.reason ?? null));
    const bad = marked('[Clara Voss]{PER} works for [Acme Robotics]{ORG} , a firm based in [Paris]{PER} .');
    stats.verdict(await verifyMentions(bad, seed, port, O).then((r) => r?.reason ?? null));
    const r = stats.result();
    expect(r.candidates_before).toBe(2);
    expect(r.candidates_after).toBe(1);
    expect(r.yield).toBe(0.5);
    expect(r.rejected_by_reason).toEqual({ type_mismatch: 1 });
    expect(r.requests).toBe(r.requests_by_kind.mention_check + r.requests_by_kind.mention_type);
    expect(r.prompt_tokens).toBe(10 * r.requests);
  });
});
