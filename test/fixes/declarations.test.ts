import { describe, expect, it } from 'vitest';
import { loadRules } from '../../analyzers/engine/rule-load.js';
import { FIX_ORDER, FIXES } from '../../refactors/fixes/index.js';

const rules = loadRules();
const ruleIds = new Set(rules.map((r) => r.id));

describe('what the fixes declare', () => {
  it('every rule id a fix resolves is a bundled rule', () => {
    const named = FIXES.flatMap((f) => f.resolves.map((id) => ({ fix: f.kind, id })));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !ruleIds.has(n.id))).toEqual([]);
  });

  it("a rule's fix: field and the fixes' resolves lists agree both ways", () => {
    const byRules = rules.filter((r) => r.fix).map((r) => `${r.fix} resolves ${r.id}`);
    const byFixes = FIXES.flatMap((f) => f.resolves.map((id) => `${f.kind} resolves ${id}`));
    expect(byFixes.sort()).toEqual(byRules.sort());
  });

  it('a rule is resolved by one fix at most', () => {
    const ids = FIXES.flatMap((f) => f.resolves);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('the order of fixes is the list of fixes, each kind once', () => {
    expect(FIX_ORDER).toEqual(FIXES.map((f) => f.kind));
    expect(new Set(FIX_ORDER).size).toBe(FIXES.length);
    expect(FIX_ORDER).toEqual(['session-serializable', 'session-store', 'externalize-config', 'logs', 'local-files']);
  });
});
