import { assessFacts, type Assessment } from '../analyzers/assess/assess.js';
import { collectFacts } from '../analyzers/collect.js';
import { normalizeEncoding } from '../analyzers/read/encoding.js';
import { createJavaParser } from '../analyzers/java/parser.js';
import { buildIndex } from '../analyzers/java/type-index.js';
import type { Rule } from '../analyzers/types.js';
import { FIXES } from './fixes/index.js';
import { emptyRecord, loadRecord, writeEnvFile, writeRecord } from './record.js';
import { FIX_ORDER, type FixKind, type FixOptions, type FixOutcome } from './types.js';
import { Workspace, type Change } from './workspace.js';

export interface PlannedFix {
  outcome: FixOutcome;
  changes: Change[];
}

export interface Plan {
  assessment: Assessment;
  fixes: PlannedFix[];
}

/** Every fix, in order, as changes in memory: nothing is written here. */
export async function planFixes(root: string, rules: Rule[], options: FixOptions, only?: FixKind[]): Promise<Plan> {
  const project = await collectFacts(root, { threads: 1 });
  const assessment = assessFacts(project, rules, root);
  const fallback = project.build.sourceEncoding ? normalizeEncoding(project.build.sourceEncoding) : undefined;
  const ws = new Workspace(project.root, fallback);
  const record = loadRecord(ws);
  const ctx = { assessment, project, index: buildIndex(project), java: await createJavaParser(), ws, options, record };
  const fixes: PlannedFix[] = [];
  for (const kind of FIX_ORDER) {
    if (only && !only.includes(kind)) continue;
    const outcome = await FIXES[kind].run(ctx);
    if (ws.hasPending() && JSON.stringify(record) !== JSON.stringify(emptyRecord())) {
      writeRecord(ws, record);
      writeEnvFile(ws, record);
    }
    fixes.push({ outcome, changes: ws.checkpoint() });
  }
  return { assessment, fixes };
}
