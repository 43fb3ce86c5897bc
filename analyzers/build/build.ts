import path from 'node:path';
import type { BuildFacts, Dependency, TextFacts, XmlElement, XmlFacts } from '../types.js';
import { childrenOf } from '../config/xml.js';

function childText(children: XmlElement[], parentPath: string, name: string): string | undefined {
  return children.find((c) => c.path === `${parentPath}/${name}`)?.text;
}

function mavenFacts(pom: XmlFacts): BuildFacts {
  const props = new Map<string, string>();
  for (const el of pom.elements) {
    if (el.path.startsWith('project/properties/') && el.path.split('/').length === 3) props.set(el.name, el.text);
  }
  const interpolate = (v: string | undefined) => v?.replace(/\$\{([^}]+)\}/g, (m, k: string) => props.get(k) ?? m);
  const top = (name: string) => pom.elements.find((e) => e.path === `project/${name}`)?.text;
  const dependencies: Dependency[] = [];
  const plugins: BuildFacts['plugins'] = [];
  const release = props.get('maven.compiler.release');
  let javaSource = release ?? props.get('maven.compiler.source') ?? props.get('java.version');
  let javaTarget = release ?? props.get('maven.compiler.target') ?? props.get('java.version');
  let sourceEncoding = props.get('project.build.sourceEncoding');

  pom.elements.forEach((el, i) => {
    if (el.name === 'dependency' && /(^|\/)dependencies\/dependency$/.test(el.path) && !el.path.includes('/plugin/')) {
      const kids = childrenOf(pom, i);
      dependencies.push({
        group: interpolate(childText(kids, el.path, 'groupId')),
        artifact: interpolate(childText(kids, el.path, 'artifactId')) ?? '',
        version: interpolate(childText(kids, el.path, 'version')),
        scope: childText(kids, el.path, 'scope'),
        file: pom.file,
        line: el.line,
      });
    }
    if (el.name === 'plugin') {
      const kids = childrenOf(pom, i);
      const artifact = childText(kids, el.path, 'artifactId');
      if (artifact)
        plugins.push({
          group: childText(kids, el.path, 'groupId'),
          artifact,
          version: interpolate(childText(kids, el.path, 'version')),
        });
    }
    if (
      el.name === 'plugin' &&
      childrenOf(pom, i).some((c) => c.name === 'artifactId' && c.text === 'maven-compiler-plugin')
    ) {
      const kids = childrenOf(pom, i);
      const conf = (n: string) => interpolate(kids.find((c) => c.path === `${el.path}/configuration/${n}`)?.text);
      javaSource = conf('release') ?? conf('source') ?? javaSource;
      javaTarget = conf('release') ?? conf('target') ?? javaTarget;
      sourceEncoding = conf('encoding') ?? sourceEncoding;
    }
  });
  return {
    tool: 'maven',
    file: pom.file,
    version: interpolate(top('version')),
    packaging: top('packaging') ?? 'jar',
    javaSource: interpolate(javaSource),
    javaTarget: interpolate(javaTarget),
    sourceEncoding: interpolate(sourceEncoding),
    dependencies,
    plugins,
  };
}

const GRADLE_DEP =
  /^\s*(compile|implementation|api|runtime|runtimeOnly|compileOnly|providedCompile|providedRuntime|testCompile|testImplementation)\s*\(?\s*(?:['"]([^'"]+)['"]|group\s*:\s*['"]([^'"]+)['"]\s*,\s*name\s*:\s*['"]([^'"]+)['"](?:\s*,\s*version\s*:\s*['"]([^'"]+)['"])?)/;

/** A Gradle configuration as the Maven scope it stands for. */
const gradleScope = (configuration: string) =>
  configuration.startsWith('test')
    ? 'test'
    : /^(compileOnly|provided)/.test(configuration)
      ? 'provided'
      : /^runtime/.test(configuration)
        ? 'runtime'
        : 'compile';

function gradleFacts(g: TextFacts): BuildFacts {
  const lines = g.lines ?? [];
  const text = lines.join('\n');
  const dependencies: Dependency[] = [];
  lines.forEach((line, i) => {
    const m = GRADLE_DEP.exec(line);
    if (!m) return;
    const [group, artifact, version] = m[2] ? m[2].split(':') : [m[3], m[4], m[5]];
    if (artifact) dependencies.push({ group, artifact, version, scope: gradleScope(m[1]), file: g.file, line: i + 1 });
  });
  const compat = (k: string) =>
    new RegExp(`${k}\\s*=\\s*['"]?(?:JavaVersion\\.VERSION_)?([\\d._]+)`).exec(text)?.[1].replace('_', '.');
  const javaSource = compat('sourceCompatibility');
  const enc = /options\.encoding\s*=\s*['"]([^'"]+)['"]/.exec(text);
  return {
    tool: 'gradle',
    file: g.file,
    packaging: /\bwar\b/.test(text.match(/(apply\s+plugin\s*:\s*['"]war['"]|id\s*\(?\s*['"]war['"])/)?.[0] ?? '')
      ? 'war'
      : 'jar',
    javaSource,
    javaTarget: compat('targetCompatibility') ?? javaSource,
    sourceEncoding: enc?.[1],
    dependencies,
    plugins: [],
  };
}

/** `<property name value|location>` of build.xml, and its `${name}` references resolved with them. */
export function antProperties(build: XmlFacts): (v: string | undefined) => string | undefined {
  const props = new Map<string, string>();
  for (const e of build.elements) {
    const value = e.attributes.value ?? e.attributes.location;
    if (e.path === 'project/property' && e.attributes.name && value !== undefined) props.set(e.attributes.name, value);
  }
  return (v) => v?.replace(/\$\{([^}]+)\}/g, (m, k: string) => props.get(k) ?? m);
}

/** The target that builds the WAR: the one holding the <war> task, else the project's default target. */
function antTarget(build: XmlFacts): string | undefined {
  let target: string | undefined;
  for (const e of build.elements) {
    if (e.path === 'project/target') target = e.attributes.name;
    else if (e.name === 'war' && e.path.startsWith('project/target/') && target) return target;
  }
  return build.elements.find((e) => e.path === 'project')?.attributes.default;
}

function antFacts(build: XmlFacts): BuildFacts {
  const javac = build.elements.find((e) => e.name === 'javac');
  const resolve = antProperties(build);
  const target = antTarget(build);
  return {
    tool: 'ant',
    file: build.file,
    packaging: build.elements.some((e) => e.name === 'war')
      ? 'war'
      : build.elements.some((e) => e.name === 'jar')
        ? 'jar'
        : undefined,
    javaSource: javac?.attributes.source,
    javaTarget: javac?.attributes.target ?? javac?.attributes.source,
    warFile: build.elements
      .map((e) => (e.name === 'war' ? resolve(e.attributes.destfile ?? e.attributes.warfile) : undefined))
      .find((f) => f && !f.includes('${')),
    ...(target ? { antTarget: target } : {}),
    sourceEncoding: javac?.attributes.encoding,
    dependencies: [],
    plugins: [],
  };
}

const JAR_NAME = /^(.+?)-(\d[\w.-]*)\.jar$/i;

/**
 * The build tool and what it declares; the shallowest build file wins. Jars committed in the tree count as
 * dependencies.
 */
export function buildFacts(files: { xml: XmlFacts[]; gradle: TextFacts[] }, jars: string[]): BuildFacts {
  const depth = (f: string) => f.split('/').length;
  const byDepth = <T extends { file: string }>(xs: T[]) => [...xs].sort((a, b) => depth(a.file) - depth(b.file));
  const pom = byDepth(files.xml.filter((x) => path.posix.basename(x.file) === 'pom.xml' && x.root === 'project'))[0];
  const gradle = byDepth(files.gradle.filter((g) => path.posix.basename(g.file) === 'build.gradle'))[0];
  const ant = byDepth(files.xml.filter((x) => path.posix.basename(x.file) === 'build.xml' && x.root === 'project'))[0];
  const result: BuildFacts = pom
    ? mavenFacts(pom)
    : gradle
      ? gradleFacts(gradle)
      : ant
        ? antFacts(ant)
        : { tool: 'none', dependencies: [], plugins: [] };
  for (const jar of jars) {
    const base = path.posix.basename(jar);
    const m = JAR_NAME.exec(base);
    result.dependencies.push({ artifact: m ? m[1] : base.replace(/\.jar$/i, ''), version: m?.[2], file: jar, line: 0 });
  }
  return result;
}
