import path from 'node:path';
import type { FileFacts, ModuleInfo, Scope, TextFacts, XmlFacts } from '../types.js';
import { childrenOf } from '../config/xml.js';
import { separateWebapps } from './separate-webapps.js';

/** What one build file declares about its module, before the reactor is put together. */
interface Declared {
  dir: string; // '' for the root
  file: string;
  name: string;
  packaging?: string;
  root: boolean; // ends up deployed by itself: a WAR, an EAR or a Spring Boot main module
  children: string[]; // dirs of the modules it aggregates
  dependsOn: string[]; // names of the project's modules it needs at run time
  pluginUses: string[]; // names of the project's modules its build plugins use
}

// Folder names that say what never ships, whatever the build says; read only above the sources' own folders
// (a package named `tools` or `demo` ships like any other).
const NAME_SCOPES: [RegExp, Scope, string][] = [
  [/^(tests?|testing|test-suite|testutils?|integration-tests?|e2e)$|(^|-)(it|tests?)-|-(it|tests?)$/i, 'test', 'tests'],
  [/^(docs?|documentation|site|examples?|samples?|demos?|tutorials?)$/i, 'docs', 'documentation and examples'],
  [/^(tools?|scripts?|bin|cli|build-tools|buildSrc|archetypes?)$|-maven-plugin$/i, 'tool', 'tools'],
];
// where an app's own sources, resources and web pages start
const SOURCE_FOLDER = /^(src|source|sources|java|resources|webapp|WebRoot|WebContent|web|WEB-INF|main)$/;
// packages that hold test code even among the sources
const TEST_PACKAGE = /^(test|tests|testutils?|testing)$/;

/** The scope a folder's names give it, if any. */
function nameScope(dir: string): { scope: Scope; why: string } | undefined {
  let inSources = false;
  for (const part of dir.split('/')) {
    inSources ||= SOURCE_FOLDER.test(part);
    if (inSources) {
      if (TEST_PACKAGE.test(part)) return { scope: 'test', why: `the package ${part} holds test code` };
      continue;
    }
    for (const [re, scope, what] of NAME_SCOPES)
      if (re.test(part)) return { scope, why: `the folder ${part}/ holds ${what}` };
  }
  return undefined;
}

const text = (kids: { path: string; text: string }[], p: string) => kids.find((k) => k.path === p)?.text.trim();

function mavenModule(pom: XmlFacts): Omit<Declared, 'dependsOn' | 'pluginUses'> & {
  deps: { artifact: string; scope?: string }[];
  pluginDeps: string[];
} {
  const dir = path.posix.dirname(pom.file) === '.' ? '' : path.posix.dirname(pom.file);
  const top = (n: string) => pom.elements.find((e) => e.path === `project/${n}`)?.text.trim();
  const deps: { artifact: string; scope?: string }[] = [];
  const pluginDeps: string[] = [];
  const children: string[] = [];
  let boot = false;
  pom.elements.forEach((el, i) => {
    if (el.path === 'project/modules/module') children.push(path.posix.normalize(path.posix.join(dir, el.text.trim())));
    if (el.name === 'plugin' && /^project\/build\/plugins\/plugin$/.test(el.path))
      boot ||= text(childrenOf(pom, i), `${el.path}/artifactId`) === 'spring-boot-maven-plugin';
    if (el.name !== 'dependency') return;
    const kids = childrenOf(pom, i);
    const artifact = text(kids, `${el.path}/artifactId`);
    if (!artifact) return;
    if (el.path.includes('/plugin/')) pluginDeps.push(artifact);
    else if (!el.path.includes('dependencyManagement')) deps.push({ artifact, scope: text(kids, `${el.path}/scope`) });
  });
  const packaging = top('packaging') ?? 'jar';
  return {
    dir,
    file: pom.file,
    name: top('artifactId') ?? (dir || '.'),
    packaging,
    root: packaging === 'war' || packaging === 'ear' || (boot && packaging === 'jar'),
    children,
    deps,
    pluginDeps,
  };
}

function mavenReactor(poms: XmlFacts[]): Declared[] {
  const raw = poms.map(mavenModule);
  const names = new Set(raw.map((m) => m.name));
  return raw.map(({ deps, pluginDeps, ...m }) => ({
    ...m,
    dependsOn: deps
      .filter((d) => names.has(d.artifact) && !['test', 'provided'].includes(d.scope ?? ''))
      .map((d) => d.artifact),
    pluginUses: pluginDeps.filter((a) => names.has(a)),
  }));
}

const GRADLE_INCLUDE = /^\s*include\s*\(?\s*(.+)$/;
const GRADLE_PROJECT_DEP = /^\s*(\w+)\s*\(?\s*project\s*\(\s*(?:path\s*:\s*)?['"]:?([\w:.-]+)['"]/;

function gradleBuild(settings: TextFacts | undefined, builds: TextFacts[]): Declared[] {
  const includes: string[] = [];
  for (const line of settings?.lines ?? []) {
    const m = GRADLE_INCLUDE.exec(line);
    if (m) for (const q of m[1].matchAll(/['"]:?([\w:.-]+)['"]/g)) includes.push(q[1].replace(/:/g, '/'));
  }
  const byDir = new Map(builds.map((b) => [path.posix.dirname(b.file) === '.' ? '' : path.posix.dirname(b.file), b]));
  const dirs = new Set(['', ...includes, ...byDir.keys()]);
  return [...dirs].map((dir) => {
    const lines = byDir.get(dir)?.lines ?? [];
    const all = lines.join('\n');
    const dependsOn: string[] = [];
    for (const line of lines) {
      const m = GRADLE_PROJECT_DEP.exec(line);
      if (m && !/^test|^(compileOnly|annotationProcessor)$/i.test(m[1])) dependsOn.push(m[2].replace(/:/g, '/'));
    }
    const war = /(apply\s+plugin\s*:\s*|id\s*\(?\s*)['"]war['"]|^\s*war\s*$/m.test(all);
    const boot = /org\.springframework\.boot/.test(all) && !/bootJar\s*\{\s*enabled\s*=\s*false/.test(all);
    return {
      dir,
      file: byDir.get(dir)?.file ?? settings?.file ?? '',
      name: dir || '.',
      packaging: war ? 'war' : 'jar',
      root: war || boot,
      children: dir === '' ? includes : [],
      dependsOn,
      pluginUses: [],
    };
  });
}

/** The modules that end up deployed: the roots and what they need at run time, through the project's modules. */
function deployedSet(mods: Declared[]): Set<string> {
  const byName = new Map(mods.map((m) => [m.name, m]));
  const roots = mods.filter((m) => m.root && !nameScope(m.dir));
  // a library-only reactor or a single module: all of it is the app
  const start = roots.length ? roots : mods.filter((m) => m.packaging !== 'pom' && !nameScope(m.dir));
  const seen = new Set<string>();
  const visit = (m: Declared | undefined) => {
    if (!m || seen.has(m.name)) return;
    seen.add(m.name);
    m.dependsOn.forEach((d) => visit(byName.get(d)));
  };
  start.forEach(visit);
  return seen;
}

function explain(m: Declared, deployed: Set<string>, mods: Declared[]): { scope: Scope; why: string } {
  if (deployed.has(m.name)) {
    if (m.root)
      return {
        scope: 'app',
        why: m.packaging === 'jar' ? 'the Spring Boot application' : `packaged as a ${m.packaging?.toUpperCase()}`,
      };
    const users = mods.filter((o) => deployed.has(o.name) && o.dependsOn.includes(m.name)).map((o) => o.name);
    return { scope: 'app', why: users.length ? `a run-time dependency of ${users.join(', ')}` : 'the application' };
  }
  const byName = nameScope(m.dir);
  if (byName) return byName;
  if (m.packaging === 'pom') return { scope: 'build', why: 'a parent or aggregator POM: build settings only' };
  if (m.children.length) return { scope: 'build', why: 'the root project: build settings for its subprojects' };
  const pluginUsers = mods.filter((o) => o.pluginUses.includes(m.name)).map((o) => o.name);
  if (pluginUsers.length) return { scope: 'build', why: `used by a build plugin of ${pluginUsers.join(', ')}` };
  return { scope: 'tool', why: 'not a run-time dependency of the deployed modules' };
}

const byDir = (a: ModuleInfo, b: ModuleInfo) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0);

/**
 * The project's modules (Maven reactor, Gradle subprojects) and which of them end up in the deployed WAR or JAR,
 * with the webapps of the tree that are not the app (a project's own web site). A project with one build file, or
 * none, is one module.
 */
export function moduleModel(files: FileFacts[]): ModuleInfo[] {
  const built = buildModules(files);
  const sites = separateWebapps(files);
  if (!sites.length) return built;
  const root: ModuleInfo[] = built.length ? [] : [{ dir: '', name: '.', scope: 'app', why: 'the application' }];
  return [...root, ...built, ...sites].sort(byDir);
}

function buildModules(files: FileFacts[]): ModuleInfo[] {
  const poms = files.filter(
    (f): f is XmlFacts => f.kind === 'xml' && path.posix.basename(f.file) === 'pom.xml' && f.root === 'project',
  );
  const gradle = files.filter(
    (f): f is TextFacts => f.kind === 'text' && /^build\.gradle(\.kts)?$/.test(path.posix.basename(f.file)),
  );
  const settings = files.find(
    (f): f is TextFacts => f.kind === 'text' && /^settings\.gradle(\.kts)?$/.test(path.posix.basename(f.file)),
  );
  const mods = poms.length ? mavenReactor(poms) : gradle.length ? gradleBuild(settings, gradle) : [];
  if (mods.length <= 1)
    return mods.map((m) => ({
      dir: m.dir,
      name: m.name,
      packaging: m.packaging,
      scope: 'app',
      why: 'the application',
    }));
  const deployed = deployedSet(mods);
  return mods
    .map((m) => ({ dir: m.dir, name: m.name, packaging: m.packaging, ...explain(m, deployed, mods) }))
    .sort(byDir);
}

/** The scope of a file: the innermost module holding it, then the names of its folders within that module. */
export function scopeOfFile(file: string, modules: ModuleInfo[]): Scope {
  let owner: ModuleInfo | undefined;
  for (const m of modules) {
    if ((m.dir === '' || file === m.dir || file.startsWith(m.dir + '/')) && (!owner || m.dir.length > owner.dir.length))
      owner = m;
  }
  const inside = owner?.dir ? file.slice(owner.dir.length + 1) : file;
  const folder = path.posix.dirname(inside);
  return (folder === '.' ? undefined : nameScope(folder)?.scope) ?? owner?.scope ?? 'app';
}
