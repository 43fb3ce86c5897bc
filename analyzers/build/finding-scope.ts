import path from 'node:path';
import type { Finding, ProjectFacts, XmlFacts } from '../types.js';
import { scopeOfFile } from './modules.js';

/** Lines of a POM inside a build plugin's settings (a dev server's JDBC URL, a test database): build, not app. */
function pluginLines(pom: XmlFacts): Set<number> {
  const lines = new Set<number>();
  for (const e of pom.elements) if (/(^|\/)plugins?\/plugin\//.test(e.path)) lines.add(e.line);
  return lines;
}

/** Marks each finding outside the deployed app with its scope (build, test, docs, tool). */
export function scopeFindings(findings: Finding[], project: ProjectFacts): Finding[] {
  const modules = project.build.modules ?? [];
  const poms = new Map<string, Set<number>>();
  for (const f of project.files)
    if (f.kind === 'xml' && path.posix.basename(f.file) === 'pom.xml') poms.set(f.file, pluginLines(f));
  for (const f of findings) {
    const scope = poms.get(f.file)?.has(f.line) ? 'build' : scopeOfFile(f.file, modules);
    if (scope !== 'app') f.scope = scope;
  }
  return findings;
}
