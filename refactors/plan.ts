import { assessFacts, type Assessment } from '../analyzers/assess/assess.js';
import { inDeployedApp } from '../analyzers/assess/verdict.js';
import { collectFacts } from '../analyzers/collect.js';
import { normalizeEncoding } from '../analyzers/read/encoding.js';
import { createJavaParser } from '../analyzers/java/parser.js';
import { buildIndex } from '../analyzers/java/type-index.js';
import { PaasportError } from '../analyzers/errors.js';
import type { Finding, Rule } from '../analyzers/types.js';
import { FIXES } from './fixes/index.js';
import { emptyRecord, loadRecord, writeEnvFile, writeRecord } from './record.js';
import type { Fix, FixContext, FixKind, FixOptionName, FixOptions, FixOutcome } from './types.js';
import { Workspace, type Change } from './workspace.js';

export interface PlannedFix {
  outcome: FixOutcome;
  changes: Change[];
}

export interface Plan {
  assessment: Assessment;
  fixes: PlannedFix[];
  secretValues: string[]; // the secrets the fixes took out of the sources: never shown
}

/** The findings of the rules a fix resolves: those it declares, and a user's rules whose `fix:` names it. */
const isJspPage = (file: string) => /\.(jspf?|tag|tagx)$/i.test(file);

function findingsFor(fix: Fix<FixOptionName>, findings: Finding[]): Finding[] {
  const ids = new Set(fix.resolves);
  // code that never runs in the deployed app (tests, build helpers) is not changed
  // a JSP page's Java is changed by a person: the fixes edit Java sources and configuration files
  return findings.filter((f) => inDeployedApp(f) && !isJspPage(f.file) && (ids.has(f.ruleId) || f.fix === fix.kind));
}

/** A fix that fails while planning has written nothing; the message names it. */
async function runOne(fix: Fix<FixOptionName>, ctx: FixContext<FixOptionName>): Promise<FixOutcome> {
  try {
    return await fix.run(ctx);
  } catch (e) {
    if (e instanceof PaasportError) throw e;
    const why = (e as Error).message;
    throw new PaasportError(`the ${fix.kind} fix cannot be planned: ${why}. Nothing was changed.`, 'failed');
  }
}

/** Only the options a fix declares. */
function optionsFor<O extends FixOptionName>(names: readonly O[], options: FixOptions): Pick<FixOptions, O> {
  return Object.fromEntries(names.map((n) => [n, options[n]])) as Pick<FixOptions, O>;
}

/** Every fix, in order, as changes in memory: nothing is written here. */
export async function planFixes(root: string, rules: Rule[], options: FixOptions, only?: FixKind[]): Promise<Plan> {
  const project = await collectFacts(root, { threads: 1 });
  const index = buildIndex(project);
  const assessment = assessFacts(project, rules, root, undefined, index);
  const fallback = project.build.sourceEncoding ? normalizeEncoding(project.build.sourceEncoding) : undefined;
  const ws = new Workspace(project.root, fallback);
  const record = loadRecord(ws);
  const shared = { assessment, project, index, java: await createJavaParser(), ws, record };
  const fixes: PlannedFix[] = [];
  for (const fix of FIXES) {
    if (only && !only.includes(fix.kind)) continue;
    const ctx: FixContext<FixOptionName> = {
      ...shared,
      options: optionsFor(fix.options, options),
      findings: findingsFor(fix, assessment.findings),
    };
    const outcome = await runOne(fix, ctx);
    if (ws.hasPending() && JSON.stringify(record) !== JSON.stringify(emptyRecord())) {
      writeRecord(ws, record);
      writeEnvFile(ws, record);
    }
    fixes.push({ outcome, changes: ws.checkpoint() });
  }
  return { assessment, fixes, secretValues: Object.values(record.secretValues) };
}
