import path from 'node:path';
import { recommendBaseImage, type BaseImage } from './base-image.js';
import { collectFacts, type CollectOptions } from '../collect.js';
import { sharedJavaPool } from '../java/pool.js';
import type { ConfigFacts } from '../config/config-facts.js';
import { runRules } from '../engine/engine.js';
import { scopeFindings } from '../build/finding-scope.js';
import type { ProjectIndex } from '../java/type-index.js';
import { technologyProfile, type TechProfile } from './profile.js';
import type { BuildFacts, Finding, Notice, ProjectFacts, Rule } from '../types.js';
import { inDeployedApp, judge, type Verdict } from './verdict.js';

export interface AppRef {
  name: string;
  path: string;
  owner?: string;
  team?: string;
  tags?: string[];
}

export interface Assessment {
  app: AppRef;
  root: string;
  build: BuildFacts;
  config: ConfigFacts;
  profile: TechProfile;
  baseImage: BaseImage;
  verdict: Verdict;
  stats: { files: number; javaFiles: number; javaLines: number };
  findings: Finding[];
  notices: Notice[];
}

/** Facts, rules, profile and verdict: the assessment of one application tree. */
export async function assess(
  root: string,
  rules: Rule[],
  opts: CollectOptions = {},
  app?: Omit<AppRef, 'path'>,
): Promise<Assessment> {
  return assessFacts(await collectFacts(root, opts), rules, root, app);
}

/** The assessment of facts already collected. */
export function assessFacts(
  project: ProjectFacts,
  rules: Rule[],
  root = project.root,
  app?: Omit<AppRef, 'path'>,
  index?: ProjectIndex, // the project's type index, when the caller has built it for its own use
): Assessment {
  const findings = scopeFindings(runRules(project, rules, index), project);
  let javaFiles = 0;
  let javaLines = 0;
  for (const f of project.files) {
    if (f.kind === 'java' && !f.page) {
      javaFiles++;
      javaLines += f.lineCount;
    }
  }
  const profile = technologyProfile(project);
  return {
    app: { name: path.basename(project.root), ...app, path: root },
    root: project.root,
    build: project.build,
    config: project.config,
    profile,
    baseImage: recommendBaseImage(profile, project),
    verdict: judge(findings.filter(inDeployedApp)),
    stats: { files: project.files.length, javaFiles, javaLines },
    findings,
    notices: project.notices,
  };
}

/** Several applications, one after the other (each already uses every core). */
export async function assessAll(
  apps: AppRef[],
  rules: Rule[],
  opts: CollectOptions = {},
  onApp?: (i: number, a: AppRef) => void,
): Promise<Assessment[]> {
  const out: Assessment[] = [];
  // one pool of workers (and parsers) for every app: no start-up per app. One app gets a pool of its own, sized for
  // it: its workers start while its configuration is read, and a small app's parser gets the few-files budget.
  const pool = opts.pool ?? (apps.length > 1 ? sharedJavaPool(opts.threads) : undefined);
  try {
    for (const [i, app] of apps.entries()) {
      onApp?.(i, app);
      const { path: p, ...meta } = app;
      out.push(await assess(p, rules, { ...opts, pool }, meta));
    }
  } finally {
    if (!opts.pool) await pool?.close();
  }
  return out;
}
