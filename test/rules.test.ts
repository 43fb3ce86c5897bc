import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRulesDir } from '../analyzers/engine/rule-load.js';
import { casesFileOf, flaggedLines, loadCases, type RuleCase } from '../analyzers/engine/rule-cases.js';
import type { Rule } from '../analyzers/types.js';
import { FIX_ORDER } from '../refactors/fixes/index.js';
import type { FixKind } from '../refactors/types.js';
import { assessFiles, bundledRules } from './helpers.js';

const packs = [...new Set(bundledRules().map((r) => r.source!))];
const cases: Record<string, RuleCase> = Object.assign({}, ...packs.map(loadCases));

describe('bundled rules', () => {
  it('every fix a rule names is a fix paasport fix applies', () => {
    const unknown = bundledRules()
      .filter((r) => r.fix && !FIX_ORDER.includes(r.fix as FixKind))
      .map((r) => `${r.id}: ${r.fix}`);
    expect(unknown).toEqual([]);
  });

  it('every rule has invalid and valid cases in the cases file beside its pack', () => {
    const without = (r: Rule) => {
      const c = loadCases(r.source!)[r.id];
      return !c || !Object.keys(c.invalid).length || !Object.keys(c.valid).length || !c.expect.length;
    };
    expect(
      bundledRules()
        .filter(without)
        .map((r) => r.id),
    ).toEqual([]);
  });

  it('every cases file belongs to a pack and names only rules of that pack', () => {
    const files = readdirSync(bundledRulesDir()).filter((f) => f.endsWith('.cases.yaml'));
    expect(files.length).toBeGreaterThan(0);
    const strangers = files.flatMap((f) => {
      const pack = packs.find((p) => casesFileOf(p) === path.join(bundledRulesDir(), f));
      if (!pack) return [`${f}: no rule pack beside it`];
      const ids = new Set(
        bundledRules()
          .filter((r) => r.source === pack)
          .map((r) => r.id),
      );
      return Object.keys(loadCases(pack))
        .filter((id) => !ids.has(id))
        .map((id) => `${f}: ${id}`);
    });
    expect(strangers).toEqual([]);
  });

  it('every rule has what `paasport rules show` prints: title and message in both languages, a link or a fix, and an example', () => {
    const lacking = bundledRules().flatMap((r) => {
      const missing = [
        ...(['en', 'zh-CN'] as const).flatMap((l) => [!r.title[l] && `title ${l}`, !r.message[l] && `message ${l}`]),
        !r.links?.length && !r.fix && 'a link or a fix',
        !(cases[r.id] && flaggedLines(cases[r.id]).every((l) => l.text)) && 'an example',
      ].filter(Boolean);
      return missing.length ? [`${r.id}: ${missing.join(', ')}`] : [];
    });
    expect(lacking).toEqual([]);
  });

  for (const [id, c] of Object.entries(cases)) {
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
