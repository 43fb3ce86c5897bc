import path from 'node:path';
import type { Finding, JavaFacts, ProjectFacts, XmlFacts } from '../types.js';
import { scopeOfFile } from './modules.js';

/** Lines of a POM inside a build plugin's settings (a dev server's JDBC URL, a test database): build, not app. */
function pluginLines(pom: XmlFacts): Set<number> {
  const lines = new Set<number>();
  for (const e of pom.elements) if (/(^|\/)plugins?\/plugin\//.test(e.path)) lines.add(e.line);
  return lines;
}

/**
 * Lines of a Java file inside a `main()` method: code run from the command line (a tool, a developer's test stub),
 * not by the webapp.
 */
function mainLines(java: JavaFacts): Set<number> {
  const lines = new Set<number>();
  for (const x of [...java.calls, ...java.news, ...java.writes]) if (x.enclosingMethod === 'main') lines.add(x.line);
  return lines;
}

/** Marks each finding outside the deployed app with its scope (build, test, docs, tool). */
export function scopeFindings(findings: Finding[], project: ProjectFacts): Finding[] {
  const modules = project.build.modules ?? [];
  const poms = new Map<string, Set<number>>();
  const mains = new Map<string, Set<number>>();
  for (const f of project.files) {
    if (f.kind === 'xml' && path.posix.basename(f.file) === 'pom.xml') poms.set(f.file, pluginLines(f));
    if (f.kind === 'java') mains.set(f.file, mainLines(f));
  }
  for (const f of findings) {
    let scope = poms.get(f.file)?.has(f.line) ? 'build' : scopeOfFile(f.file, modules);
    if (scope === 'app' && mains.get(f.file)?.has(f.line)) scope = 'tool';
    if (scope !== 'app') f.scope = scope;
  }
  return findings;
}
