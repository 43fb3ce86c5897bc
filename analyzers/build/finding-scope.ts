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

const simpleName = (t: string) => t.replace(/<.*$/, '').replace(/^.*\./, '');

/** The simple type names a Java file uses: imports, types it creates, declares, extends, calls on or names. */
function namesUsed(java: JavaFacts): Set<string> {
  const out = new Set<string>();
  for (const i of java.imports) out.add(simpleName(i.name));
  for (const n of java.news) out.add(simpleName(n.type));
  for (const f of java.fields) out.add(simpleName(f.type));
  for (const t of java.types) for (const s of [t.extends, ...t.implements]) if (s) out.add(simpleName(s));
  for (const c of java.calls) if (c.receiver) out.add(c.receiver.replace(/[.(].*$/, ''));
  for (const r of java.methodRefs) out.add(r.receiver);
  return out;
}

/**
 * Java files whose class has a `main()` and that no other Java file uses: command-line tools shipped beside the app
 * (a password reset, an import script), whatever their methods do. Only the files asked about are checked: most
 * have no `main()`, and then no file's names are read.
 */
function toolFiles(project: ProjectFacts, asked: Set<string>): Set<string> {
  const java = project.files.filter((f): f is JavaFacts => f.kind === 'java');
  const withMain = java.filter(
    (f) => asked.has(f.file) && f.types.some((t) => t.methods.some((m) => m.name === 'main' && m.isStatic)),
  );
  if (!withMain.length) return new Set();
  const used = new Map(java.map((f) => [f.file, namesUsed(f)]));
  return new Set(
    withMain
      .filter((f) => !java.some((o) => o !== f && f.types.some((t) => used.get(o.file)!.has(t.name))))
      .map((f) => f.file),
  );
}

/** Marks each finding outside the deployed app with its scope (build, test, docs, tool). */
export function scopeFindings(findings: Finding[], project: ProjectFacts): Finding[] {
  const modules = project.build.modules ?? [];
  const asked = new Set(findings.map((f) => f.file));
  const poms = new Map<string, Set<number>>();
  const mains = new Map<string, Set<number>>();
  for (const f of project.files) {
    if (!asked.has(f.file)) continue;
    if (f.kind === 'xml' && path.posix.basename(f.file) === 'pom.xml') poms.set(f.file, pluginLines(f));
    if (f.kind === 'java') mains.set(f.file, mainLines(f));
  }
  const tools = toolFiles(project, asked);
  for (const f of findings) {
    let scope = poms.get(f.file)?.has(f.line) ? 'build' : scopeOfFile(f.file, modules);
    if (scope === 'app' && (mains.get(f.file)?.has(f.line) || tools.has(f.file))) scope = 'tool';
    if (scope !== 'app') f.scope = scope;
  }
  return findings;
}
