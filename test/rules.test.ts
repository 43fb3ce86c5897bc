import { describe, expect, it } from 'vitest';
import { assessFiles, bundledRules } from './helpers.js';
import { RULE_CASES } from './rule-cases.js';
import { FIX_ORDER, type FixKind } from '../refactors/types.js';

describe('bundled rules', () => {
  it('every fix a rule names is a fix paasport fix applies', () => {
    const unknown = bundledRules()
      .filter((r) => r.fix && !FIX_ORDER.includes(r.fix as FixKind))
      .map((r) => `${r.id}: ${r.fix}`);
    expect(unknown).toEqual([]);
  });

  it('every rule has a valid and an invalid case', () => {
    const ids = bundledRules()
      .map((r) => r.id)
      .sort();
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
