import type { Dependency, FileFacts, ProjectFacts } from '../types.js';
import { profileDetectors, type DatabaseDetector, type Detector, type ProfileDetectors } from './detectors.js';
import { springVersionOf } from './spring-version.js';

export type SourceKind =
  'dependency' | 'file' | 'import' | 'jdbc-url' | 'bundled-tomcat' | 'build-plugin' | 'web.xml' | 'assumed';

/** Where something was seen; reports put it in words in the report's language. */
export interface Source {
  kind: SourceKind;
  ref: string; // a file, file:line, a dependency's coordinates or an imported name
}

export interface Evidence {
  name: string;
  version?: string;
  evidence: Source;
}

export interface TechProfile {
  buildTool: 'maven' | 'gradle' | 'ant' | 'none';
  packaging: 'war' | 'exploded-war' | 'jar' | 'unknown';
  javaVersion?: string; // what the bytecode needs, normalized: 1.6 → 6
  javaSource?: string;
  servlet: { namespace: 'javax' | 'jakarta'; version?: string; evidence: Source };
  tomcat?: { version: string; evidence: Source };
  springBoot: boolean;
  frameworks: Evidence[];
  databases: Evidence[];
}

const fromDep = (d: Dependency): Source =>
  d.line
    ? { kind: 'dependency', ref: `${d.file}: ${[d.group, d.artifact, d.version].filter(Boolean).join(':')}` }
    : { kind: 'file', ref: d.file };

function normalizeJava(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^1\.(\d+)/.exec(v);
  return m ? m[1] : /^\d+/.exec(v)?.[0];
}

function jdbcSchemes(files: FileFacts[]): { scheme: string; where: string }[] {
  const out: { scheme: string; where: string }[] = [];
  const look = (value: string, file: string, line: number) => {
    const m = /jdbc:([a-z0-9]+):/i.exec(value);
    if (m) out.push({ scheme: m[1].toLowerCase(), where: `${file}:${line}` });
  };
  for (const f of files) {
    if (f.kind === 'java') f.strings.forEach((s) => look(s.value, f.file, s.line));
    else if (f.kind === 'properties') f.entries.forEach((e) => look(e.value, f.file, e.line));
    else if (f.kind === 'xml')
      f.elements.forEach((e) => [...Object.values(e.attributes), e.text].forEach((v) => look(v, f.file, e.line)));
  }
  return out;
}

function detect(d: Detector, project: ProjectFacts, packages: Map<string, string>): Evidence | undefined {
  const dep = d.artifact ? project.build.dependencies.find((x) => d.artifact!.test(x.artifact)) : undefined;
  if (dep) return { name: d.name, version: dep.version, evidence: fromDep(dep) };
  const file = d.file ? project.files.find((f) => d.file!.test(f.file)) : undefined;
  if (file) return { name: d.name, evidence: { kind: 'file', ref: file.file } };
  if (d.pkg)
    for (const [pkg, where] of packages)
      if (d.pkg.test(pkg)) return { name: d.name, evidence: { kind: 'import', ref: `${pkg} (${where})` } };
  return undefined;
}

function servletOf(
  project: ProjectFacts,
  packages: Map<string, string>,
  detectors: ProfileDetectors,
): TechProfile['servlet'] {
  const web = project.config.webXml;
  const jakartaXml = web.find((w) => w.servletNamespace === 'jakarta');
  const dep = project.build.dependencies.find((d) => detectors.servletApiArtifact.test(d.artifact));
  const depJakarta = dep?.artifact === 'jakarta.servlet-api' || (dep?.group?.startsWith('jakarta.') ?? false);
  const importJakarta = [...packages.keys()].some((p) => p.startsWith('jakarta.servlet'));
  const namespace = jakartaXml || depJakarta || importJakarta ? 'jakarta' : 'javax';
  const xml = jakartaXml ?? web.find((w) => w.version) ?? web[0];
  if (xml?.version)
    return { namespace, version: xml.version, evidence: { kind: 'web.xml', ref: `${xml.file} (${xml.flavor})` } };
  if (dep?.version) return { namespace, version: /^\d+\.\d+/.exec(dep.version)?.[0], evidence: fromDep(dep) };
  const where = [...packages].find(([p]) => p.startsWith(`${namespace}.servlet`));
  return {
    namespace,
    evidence: where ? { kind: 'import', ref: `${where[0]} (${where[1]})` } : { kind: 'assumed', ref: namespace },
  };
}

function tomcatOf(project: ProjectFacts, { tomcat }: ProfileDetectors): TechProfile['tomcat'] {
  const bundled = project.bundledTomcats.find((t) => t.version);
  if (bundled?.version)
    return { version: bundled.version, evidence: { kind: 'bundled-tomcat', ref: `${bundled.dir}/` } };
  const dep = project.build.dependencies.find((d) => tomcat.artifact.test(d.artifact) && d.version);
  if (dep?.version) return { version: dep.version, evidence: fromDep(dep) };
  const plugin = project.build.plugins.find((p) => tomcat.mavenPlugin.test(p.artifact));
  if (plugin)
    return {
      version: /tomcat(\d)/.exec(plugin.artifact)?.[1] ?? '6',
      evidence: { kind: 'build-plugin', ref: `${project.build.file}: ${plugin.artifact}` },
    };
  const jar = project.build.dependencies.find((d) => tomcat.jar.test(d.artifact) && d.version);
  if (jar?.version) return { version: jar.version, evidence: { kind: 'file', ref: jar.file } };
  return undefined;
}

/** Imported packages and types → the first file importing each. */
function importedNames(project: ProjectFacts): Map<string, string> {
  const packages = new Map<string, string>();
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const i of f.imports) if (!packages.has(i.name)) packages.set(i.name, f.file);
  }
  return packages;
}

/** Databases named by a JDBC URL, else by a driver among the dependencies. */
function databasesOf(project: ProjectFacts, detectors: DatabaseDetector[]): Evidence[] {
  const databases: Evidence[] = [];
  const schemes = jdbcSchemes(project.files);
  for (const d of detectors) {
    const url = schemes.find((s) => d.scheme.test(s.scheme));
    const dep = project.build.dependencies.find((x) => d.artifact.test(x.artifact));
    if (url) databases.push({ name: d.name, evidence: { kind: 'jdbc-url', ref: url.where } });
    else if (dep) databases.push({ name: d.name, version: dep.version, evidence: fromDep(dep) });
  }
  return databases;
}

function packagingOf(project: ProjectFacts, springBoot: boolean): TechProfile['packaging'] {
  const { build } = project;
  const hasWebXml = project.config.webXml.length > 0;
  if (build.packaging === 'war') return 'war';
  if (springBoot) return 'jar';
  if (build.tool === 'none' && hasWebXml) return 'exploded-war';
  if (build.packaging === 'jar') return hasWebXml ? 'war' : 'jar';
  return hasWebXml ? 'exploded-war' : 'unknown';
}

/** Spring with the version the app ships (its jars) or declares (pom, Gradle), wherever Spring itself was seen. */
function withSpringVersion(frameworks: Evidence[], project: ProjectFacts): Evidence[] {
  const found = springVersionOf(project.build.dependencies);
  if (!found) return frameworks;
  return frameworks.map((f) =>
    f.name === 'Spring' && f.version !== found.version
      ? { name: f.name, version: found.version, evidence: fromDep(found.from) }
      : f,
  );
}

/** What the application is built from and runs on: build, Java, Servlet API, Tomcat, frameworks, databases. */
export function technologyProfile(project: ProjectFacts): TechProfile {
  const packages = importedNames(project);
  const detectors = profileDetectors();
  const detected = detectors.frameworks.map((d) => detect(d, project, packages)).filter((x): x is Evidence => !!x);
  const frameworks = withSpringVersion(detected, project);
  const springBoot = frameworks.some((f) => f.name === 'Spring Boot');
  const { build } = project;
  return {
    buildTool: build.tool,
    packaging: packagingOf(project, springBoot),
    javaVersion: normalizeJava(build.javaTarget ?? build.javaSource),
    javaSource: normalizeJava(build.javaSource),
    servlet: servletOf(project, packages, detectors),
    tomcat: tomcatOf(project, detectors),
    springBoot,
    frameworks,
    databases: databasesOf(project, detectors.databases),
  };
}
