import { describe, expect, it } from 'vitest';
import { CONDITIONS } from '../analyzers/engine/conditions/index.js';
import { ruleValidator } from '../analyzers/engine/rule-load.js';
import type { Condition, Rule } from '../analyzers/types.js';
import { assessFiles } from './helpers.js';

const rule = (when: Condition): Rule => ({
  id: 'condition-case',
  category: 'optional',
  effort: 1,
  tags: ['t'],
  title: { en: 't', 'zh-CN': 't' },
  message: { en: '{value}', 'zh-CN': '{value}' },
  when,
});

/** Every key used anywhere in a condition. */
function keysIn(cond: Condition): string[] {
  return Object.entries(cond).flatMap(([k, v]) => [
    k,
    ...(k === 'and' || k === 'or' ? (v as Condition[]).flatMap(keysIn) : k === 'not' ? keysIn(v as Condition) : []),
  ]);
}

const places = async (files: Record<string, string>, when: Condition) =>
  (await assessFiles(files, [rule(when)])).findings.map((f) => `${f.file}:${f.line}`).sort();

describe('condition modules', () => {
  it('every registered condition key has cases', () => {
    expect(CONDITIONS.filter((m) => m.cases.length === 0).map((m) => m.key)).toEqual([]);
  });

  it('every key is registered once', () => {
    const keys = CONDITIONS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  const validate = ruleValidator();
  for (const m of CONDITIONS) {
    for (const c of m.cases) {
      describe(`${m.key}: ${c.name}`, () => {
        it('is a condition the rule schema accepts, using the key', () => {
          expect(validate([rule(c.when)]), JSON.stringify(validate.errors)).toBe(true);
          expect(keysIn(c.when)).toContain(m.key);
        });
        it('matches at the expected places', async () => {
          expect(await places(c.files, c.when)).toEqual([...c.expect].sort());
        });
        it('leaves the look-alike alone', async () => {
          expect(await places(c.lookAlike, c.when)).toEqual([]);
        });
      });
    }
  }
});
