import type { Dependency, FileFacts, ProjectFacts } from '../types.js';

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

interface Detector {
  name: string;
  artifact?: RegExp;
  pkg?: RegExp;
  file?: RegExp;
}

const FRAMEWORKS: Detector[] = [
  { name: 'Spring Boot', artifact: /^spring-boot(-starter.*|-autoconfigure)?$/, pkg: /^org\.springframework\.boot\./ },
  {
    name: 'Spring',
    artifact: /^spring(-core|-context|-webmvc|-web|-beans)?$/,
    pkg: /^org\.springframework\./,
    file: /(^|\/)(applicationContext[^/]*|[^/]+-servlet)\.xml$/,
  },
  {
    name: 'Struts 2',
    artifact: /^struts2-core$/,
    pkg: /^(org\.apache\.struts2|com\.opensymphony\.xwork2)\./,
    file: /(^|\/)struts\.xml$/,
  },
  {
    name: 'Struts 1',
    artifact: /^struts(-core)?$/,
    pkg: /^org\.apache\.struts\.(action|upload|util|config|tiles)\b/,
    file: /(^|\/)struts-config[^/]*\.xml$/,
  },
  {
    name: 'JSF',
    artifact: /^(jsf-api|jsf-impl|javax\.faces(-api)?|jakarta\.faces(-api)?|myfaces-(api|impl))$/,
    pkg: /^(javax|jakarta)\.faces\./,
    file: /(^|\/)faces-config\.xml$/,
  },
  {
    name: 'Hibernate',
    artifact: /^hibernate(3|-core|-entitymanager)?$/,
    pkg: /^org\.hibernate\./,
    file: /(^|\/)hibernate\.cfg\.xml$|\.hbm\.xml$/,
  },
  {
    name: 'MyBatis',
    artifact: /^(mybatis(-spring)?|ibatis(-sqlmap|2-sqlmap)?)$/,
    pkg: /^(org\.apache\.ibatis|com\.ibatis)\./,
    file: /(^|\/)(mybatis-config|sqlmapconfig)\.xml$/i,
  },
  { name: 'Shiro', artifact: /^shiro-(core|web|spring|all)$/, pkg: /^org\.apache\.shiro\./, file: /(^|\/)shiro\.ini$/ },
  { name: 'Quartz', artifact: /^quartz(-scheduler)?$/, pkg: /^org\.quartz\./, file: /(^|\/)quartz\.properties$/ },
];

const DATABASES: (Detector & { scheme: RegExp })[] = [
  {
    name: 'MySQL',
    scheme: /^(mysql|mariadb)$/,
    artifact: /^(mysql-connector-java|mysql-connector-j|mariadb-java-client)$/,
  },
  { name: 'Oracle', scheme: /^oracle$/, artifact: /^(ojdbc\d*|classes12)$/ },
  { name: 'PostgreSQL', scheme: /^postgresql$/, artifact: /^postgresql$/ },
  { name: 'SQL Server', scheme: /^(sqlserver|jtds|microsoft)$/, artifact: /^(mssql-jdbc|sqljdbc\d*|jtds)$/ },
  { name: 'DB2', scheme: /^db2$/, artifact: /^(db2jcc\d*|jcc)$/ },
  { name: 'H2', scheme: /^h2$/, artifact: /^h2$/ },
  { name: 'HSQLDB', scheme: /^hsqldb$/, artifact: /^hsqldb$/ },
  { name: 'Derby', scheme: /^derby$/, artifact: /^derby(client)?$/ },
  { name: 'SQLite', scheme: /^sqlite$/, artifact: /^sqlite-jdbc$/ },
];

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

function servletOf(project: ProjectFacts, packages: Map<string, string>): TechProfile['servlet'] {
  const web = project.config.webXml;
  const jakartaXml = web.find((w) => w.servletNamespace === 'jakarta');
  const dep = project.build.dependencies.find((d) =>
    /^(jakarta\.servlet-api|javax\.servlet-api|servlet-api)$/.test(d.artifact),
  );
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

function tomcatOf(project: ProjectFacts): TechProfile['tomcat'] {
  const bundled = project.bundledTomcats.find((t) => t.version);
  if (bundled?.version)
    return { version: bundled.version, evidence: { kind: 'bundled-tomcat', ref: `${bundled.dir}/` } };
  const dep = project.build.dependencies.find(
    (d) => /^tomcat-(catalina|embed-core|coyote|jasper|servlet-api)$/.test(d.artifact) && d.version,
  );
  if (dep?.version) return { version: dep.version, evidence: fromDep(dep) };
  const plugin = project.build.plugins.find((p) => /^tomcat\d?-maven-plugin$/.test(p.artifact));
  if (plugin)
    return {
      version: /tomcat(\d)/.exec(plugin.artifact)?.[1] ?? '6',
      evidence: { kind: 'build-plugin', ref: `${project.build.file}: ${plugin.artifact}` },
    };
  const jar = project.build.dependencies.find((d) => /^(catalina|tomcat-catalina)$/.test(d.artifact) && d.version);
  if (jar?.version) return { version: jar.version, evidence: { kind: 'file', ref: jar.file } };
  return undefined;
}

/** What the application is built from and runs on: build, Java, Servlet API, Tomcat, frameworks, databases. */
export function technologyProfile(project: ProjectFacts): TechProfile {
  const packages = new Map<string, string>(); // imported package or type → first file importing it
  for (const f of project.files) {
    if (f.kind !== 'java') continue;
    for (const i of f.imports) if (!packages.has(i.name)) packages.set(i.name, f.file);
  }
  const frameworks = FRAMEWORKS.map((d) => detect(d, project, packages)).filter((x): x is Evidence => !!x);
  const springBoot = frameworks.some((f) => f.name === 'Spring Boot');

  const databases: Evidence[] = [];
  const schemes = jdbcSchemes(project.files);
  for (const d of DATABASES) {
    const url = schemes.find((s) => d.scheme.test(s.scheme));
    const dep = project.build.dependencies.find((x) => d.artifact!.test(x.artifact));
    if (url) databases.push({ name: d.name, evidence: { kind: 'jdbc-url', ref: url.where } });
    else if (dep) databases.push({ name: d.name, version: dep.version, evidence: fromDep(dep) });
  }

  const { build } = project;
  const hasWebXml = project.config.webXml.length > 0;
  const packaging: TechProfile['packaging'] =
    build.packaging === 'war'
      ? 'war'
      : springBoot
        ? 'jar'
        : build.tool === 'none' && hasWebXml
          ? 'exploded-war'
          : build.packaging === 'jar'
            ? hasWebXml
              ? 'war'
              : 'jar'
            : hasWebXml
              ? 'exploded-war'
              : 'unknown';

  return {
    buildTool: build.tool,
    packaging,
    javaVersion: normalizeJava(build.javaTarget ?? build.javaSource),
    javaSource: normalizeJava(build.javaSource),
    servlet: servletOf(project, packages),
    tomcat: tomcatOf(project),
    springBoot,
    frameworks,
    databases,
  };
}
