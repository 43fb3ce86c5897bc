// "The sources compile with the app's own jars after fix with no new javac error": the compile of the app before
// fix, kept until the compile after fix can be compared with it.
import { compile, javaTree, newErrors, unreadableJars, type CompileRun } from './javac-check.js';
import type { CheckResult } from './types.js';

export interface CompileBefore {
  run?: CompileRun;
  skipped?: string;
  release: number;
}

/** The Java release to compile for: the app's own, at least 8 (javac 17's oldest without warnings), at most 17. */
export function releaseFor(javaVersion: string | undefined): number {
  const v = Number(/^1\.(\d+)$/.exec(javaVersion ?? '')?.[1] ?? javaVersion);
  return Number.isFinite(v) && v > 0 ? Math.min(17, Math.max(8, v)) : 8;
}

/** Maven and Gradle apps keep their dependencies in a repository, not on disk beside the sources. */
const DOWNLOADING_BUILDS = new Set(['maven', 'gradle']);

export function compileBefore(root: string, javaVersion?: string, buildTool?: string): CompileBefore {
  const release = releaseFor(javaVersion);
  const tree = javaTree(root);
  if (!tree.sources.length) return { skipped: 'no Java source', release };
  // a Maven or Gradle app counts as shipping its jars only when it commits a WEB-INF/lib (a lib/ of examples does not)
  const shipsWebappJars = tree.jars.some((j) => j.includes('WEB-INF/lib/'));
  if (DOWNLOADING_BUILDS.has(buildTool ?? '') && !shipsWebappJars) {
    return { skipped: `not compiled: ${buildTool} dependencies are not on disk`, release };
  }
  return { run: compile(root, tree, release), release };
}

export function compileCheck(root: string, before: CompileBefore): CheckResult {
  if (!before.run) return { check: 'compile', status: 'skip', detail: before.skipped ?? 'not compiled' };
  const tree = javaTree(root);
  const after = compile(root, tree, before.release);
  const added = newErrors(before.run.errors, after.errors);
  const counts = `errors before ${before.run.errors.length}, after ${after.errors.length}, new ${added.length}`;
  const broken = unreadableJars(root, tree.jars).length;
  const jars = `${tree.jars.length} jars${broken ? ` (${broken} not a zip)` : ''}`;
  const scope = `${tree.sources.length} files, ${jars}, --release ${before.release}`;
  if (!added.length) return { check: 'compile', status: 'pass', detail: `${counts} (${scope})` };
  const shown = added.slice(0, 3).join(' | ');
  return {
    check: 'compile',
    status: 'fail',
    detail: `${counts} (${scope}): ${shown}${added.length > 3 ? ' ...' : ''}`,
  };
}
