import { collectFacts, type CollectOptions } from './collect.js';
import { runRules } from './engine.js';
import type { ConfigFacts } from './config-facts.js';
import type { BuildFacts, Finding, Notice, Rule } from './types.js';

export interface Assessment {
  root: string;
  build: BuildFacts;
  config: ConfigFacts;
  stats: { files: number; javaFiles: number; javaLines: number };
  findings: Finding[];
  notices: Notice[];
}

/** Facts, then rules: the assessment of one application tree. */
export async function assess(root: string, rules: Rule[], opts: CollectOptions = {}): Promise<Assessment> {
  const project = await collectFacts(root, opts);
  const findings = runRules(project, rules);
  let javaFiles = 0;
  let javaLines = 0;
  for (const f of project.files) {
    if (f.kind === 'java') {
      javaFiles++;
      javaLines += f.lines.length;
    }
  }
  return {
    root: project.root,
    build: project.build,
    config: project.config,
    stats: { files: project.files.length, javaFiles, javaLines },
    findings,
    notices: project.notices,
  };
}
