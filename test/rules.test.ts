import { describe, expect, it } from 'vitest';
import { assessFiles, bundledRules } from './helpers.js';
import { RULE_CASES } from './rule-cases.js';

describe('bundled rules', () => {
  it('every rule has a valid and an invalid case', () => {
    const ids = bundledRules().map((r) => r.id).sort();
    expect(Object.keys(RULE_CASES).sort()).toEqual(ids);
  });

  for (const [id, c] of Object.entries(RULE_CASES)) {
    describe(id, () => {
      it('flags the invalid code', async () => {
        const a = await assessFiles(c.invalid);
        const got = a.findings.filter((f) => f.ruleId === id).map((f) => `${f.file}:${f.line}`);
        expect(got.sort()).toEqual([...c.expect].sort());
      });
      it('leaves the valid code alone', async () => {
        const a = await assessFiles(c.valid);
        expect(a.findings.filter((f) => f.ruleId === id).map((f) => `${f.file}:${f.line} ${f.snippet}`)).toEqual([]);
      });
    });
  }
});
