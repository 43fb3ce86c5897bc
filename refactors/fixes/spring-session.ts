import { versionAtLeast } from '../../analyzers/assess/spring-version.js';
import type { WebXml } from '../../analyzers/config/web-xml.js';
import { indentAt, indentUnit, lineInsertion } from '../edit/lines.js';
import { entryNamed, readProperties } from '../edit/properties-doc.js';
import { PLACEHOLDER_BEAN, mentions, processesAnnotations, resolvesPlaceholders } from '../edit/spring-beans.js';
import type { TextEdit } from '../edit/text-edit.js';
import { withEol, type TextFile } from '../edit/text-file.js';
import { appendChildren, elementsNamed, readXml, type XmlFile } from '../edit/xml-doc.js';
import type { XmlNode } from '../../analyzers/config/xml.js';
import { addEnv } from '../record.js';
import type { FixContext, FixOutcome } from '../types.js';
import type { Workspace } from '../workspace.js';
import { mutationNote } from './session-caveats.js';
import { sessionMutations } from './session-mutations.js';
import { springVersion } from './spring-session-line.js';
import { webappDescriptors } from './webapp-roots.js';

const REDIS_ENV = ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD'];

// web.xml elements a filter mapping goes before: the mappings, then what the DTD wants after them
const AFTER_MAPPINGS = [
  'filter-mapping',
  'listener',
  'servlet',
  'servlet-mapping',
  'session-config',
  'welcome-file-list',
];

type Dependency = [group: string, artifact: string, version: string | undefined];

/** The dependencies of a Spring Session line; jedis only when the app has none of its own (never a second one). */
function sessionDependencies(
  ctx: FixContext,
  line: { version?: string; jedis?: string },
  left: string[],
): Dependency[] {
  if (ctx.assessment.profile.springBoot)
    return [
      ['org.springframework.session', 'spring-session-data-redis', undefined],
      ['org.springframework.boot', 'spring-boot-starter-data-redis', undefined],
    ];
  const deps: Dependency[] = [['org.springframework.session', 'spring-session-data-redis', line.version]];
  const own = ctx.project.build.dependencies.find((d) => d.artifact === 'jedis');
  if (!own) return [...deps, ['redis.clients', 'jedis', line.jedis]];
  const [mine, wanted] = [own.version, line.jedis].map((v) => /^\d+/.exec(v ?? '')?.[0]);
  if (mine !== wanted)
    left.push(
      `${own.file}: the app's own jedis ${own.version ?? ''} is kept; spring-session-data-redis ${line.version} was built with jedis ${line.jedis}: check they work together`,
    );
  return deps;
}

/** The project's own <dependencies> (not those of dependencyManagement, a profile or a plugin). */
function projectDependencies(x: XmlFile): XmlNode | undefined {
  const project = x.doc.elements.findIndex((e) => e.parent === -1 && e.name === 'project');
  return elementsNamed(x, 'dependencies').find((d) => d.parent === project);
}

const hasSpringSession = (x: XmlFile) =>
  elementsNamed(x, 'artifactId').some((a) => a.text === 'spring-session-data-redis');

const coordinates = (deps: Dependency[]) => deps.map(([g, a, v]) => `${g}:${a}${v ? `:${v}` : ''}`).join(' and ');

/** The dependencies in the Maven build, or a line for a person when the build is not Maven. */
function addDependencies(ctx: FixContext, deps: Dependency[], left: string[]): void {
  const pom = ctx.project.build.tool === 'maven' ? ctx.project.build.file : undefined;
  if (!pom) {
    left.push(`add ${coordinates(deps)} to the build`);
    return;
  }
  const x = readXml(ctx.ws, pom)!;
  if (hasSpringSession(x)) return;
  const dependencies = projectDependencies(x);
  if (!dependencies) {
    left.push(`${pom} has no <dependencies> of its own: add ${coordinates(deps)} there`);
    return;
  }
  const unit = indentUnit(x.file.text);
  const lines = deps.flatMap(([g, a, v]) => [
    '<dependency>',
    `${unit}<groupId>${g}</groupId>`,
    `${unit}<artifactId>${a}</artifactId>`,
    ...(v ? [`${unit}<version>${v}</version>`] : []),
    '</dependency>',
  ]);
  const indent = indentAt(x.file.text, dependencies.spans.start) + unit;
  ctx.ws.edit(pom, x.file, [appendChildren(x, dependencies, lines, indent)]);
}

/** Lines added at the end of a file, after its last non-blank character. */
function appendedLines(file: TextFile, lines: string[]): TextEdit {
  const end = file.text.replace(/\s*$/, '').length;
  return { start: end, end: file.text.length, text: withEol(file, `\n${lines.join('\n')}\n`) };
}

/** Spring Boot: the store type and the Redis endpoint in application.properties. */
function bootSession(ctx: FixContext, left: string[]): FixOutcome {
  const rel =
    ctx.project.files.find((f) => /(^|\/)src\/main\/resources\/application\.properties$/.test(f.file))?.file ??
    'src/main/resources/application.properties';
  const boot3 = /^3\./.test(
    ctx.project.build.dependencies.find((d) => d.artifact.startsWith('spring-boot'))?.version ?? '',
  );
  const prefix = boot3 ? 'spring.data.redis' : 'spring.redis';
  const lines = [
    'spring.session.store-type=redis',
    `${prefix}.host=\${REDIS_HOST:localhost}`,
    `${prefix}.port=\${REDIS_PORT:6379}`,
    `${prefix}.password=\${REDIS_PASSWORD:}`,
  ];
  const p = readProperties(ctx.ws, rel);
  if (!p) ctx.ws.create(rel, lines.join('\n') + '\n');
  else if (!entryNamed(p, 'spring.session.store-type')) ctx.ws.edit(rel, p.file, [appendedLines(p.file, lines)]);
  return {
    kind: 'session-store',
    message: `Keep HTTP sessions in Redis with Spring Session\n\nspring-session-data-redis and its properties: any instance can serve any request, and the Redis endpoint comes from REDIS_HOST, REDIS_PORT and REDIS_PASSWORD.`,
    left,
  };
}

/** The root application context: the first file of contextConfigLocation, or else any Spring XML file. */
function rootContextFile(ctx: FixContext, webXml: WebXml | undefined): string | undefined {
  const location = webXml?.contextParams.find((p) => p.name === 'contextConfigLocation')?.value.split(/[,\s]+/)[0];
  const beans = ctx.project.files.filter((f) => f.kind === 'xml' && f.root === 'beans');
  const suffix = location?.replace(/^classpath\*?:/, '').replace(/^\//, '');
  return (suffix !== undefined ? beans.find((f) => f.file.endsWith(suffix)) : undefined)?.file ?? beans[0]?.file;
}

/** RedisHttpSessionConfiguration and a Jedis connection to ${REDIS_HOST} in the root context. */
function addRedisConfiguration(ws: Workspace, contextFile: string, saveAlways: boolean): void {
  const x = readXml(ws, contextFile)!;
  const [beans] = elementsNamed(x, 'beans');
  if (!beans || mentions(x, 'RedisHttpSessionConfiguration')) return;
  const unit = indentUnit(x.file.text);
  const lines = [
    '<!-- sessions in Redis (Spring Session); the endpoint comes from the environment -->',
    ...(processesAnnotations(x)
      ? []
      : ['<bean class="org.springframework.context.annotation.ConfigurationClassPostProcessor"/>']),
    ...(resolvesPlaceholders(x) ? [] : [PLACEHOLDER_BEAN]),
    ...(saveAlways
      ? [
          '<bean class="org.springframework.session.data.redis.config.annotation.web.http.RedisHttpSessionConfiguration">',
          `${unit}<property name="saveMode" value="ALWAYS"/>`,
          '</bean>',
        ]
      : [
          '<bean class="org.springframework.session.data.redis.config.annotation.web.http.RedisHttpSessionConfiguration"/>',
        ]),
    '<bean class="org.springframework.data.redis.connection.jedis.JedisConnectionFactory">',
    `${unit}<property name="hostName" value="\${REDIS_HOST:localhost}"/>`,
    `${unit}<property name="port" value="\${REDIS_PORT:6379}"/>`,
    `${unit}<property name="password" value="\${REDIS_PASSWORD:}"/>`,
    '</bean>',
  ];
  ws.edit(contextFile, x.file, [appendChildren(x, beans, lines, unit)]);
}

function filterLines(unit: string, dtd: boolean): { filter: string[]; mapping: string[] } {
  const filter = [
    '<filter>',
    `${unit}<filter-name>springSessionRepositoryFilter</filter-name>`,
    `${unit}<filter-class>org.springframework.web.filter.DelegatingFilterProxy</filter-class>`,
    '</filter>',
  ];
  const mapping = [
    '<filter-mapping>',
    `${unit}<filter-name>springSessionRepositoryFilter</filter-name>`,
    `${unit}<url-pattern>/*</url-pattern>`,
    ...(dtd ? [] : [`${unit}<dispatcher>REQUEST</dispatcher>`, `${unit}<dispatcher>ERROR</dispatcher>`]),
    '</filter-mapping>',
  ];
  return { filter, mapping };
}

/**
 * The springSessionRepositoryFilter first of the filters and its mapping first of the mappings: the DTD wants
 * filters, then mappings, then listeners and servlets.
 */
function addSessionFilter(ws: Workspace, webXml: WebXml): void {
  const x = readXml(ws, webXml.file)!;
  const [root] = elementsNamed(x, 'web-app');
  if (!root || elementsNamed(x, 'filter-name').some((e) => e.text === 'springSessionRepositoryFilter')) return;
  const unit = indentUnit(x.file.text);
  const { filter, mapping } = filterLines(unit, webXml.flavor === 'dtd');
  const [mapAt] = elementsNamed(x, ...AFTER_MAPPINGS);
  const [filterAt] = elementsNamed(x, 'filter', 'filter-mapping');
  const before = (el: XmlNode, lines: string[]) =>
    lineInsertion(x.file, el.spans.start, lines, indentAt(x.file.text, el.spans.start));
  const insert = (lines: string[]) => (mapAt ? before(mapAt, lines) : appendChildren(x, root, lines, unit));
  const separate = filterAt && (!mapAt || filterAt.spans.start < mapAt.spans.start);
  ws.edit(
    webXml.file,
    x.file,
    separate ? [before(filterAt, filter), insert(mapping)] : [insert([...filter, ...mapping])],
  );
}

/** What the Spring Session line was chosen by: the app's Spring, else its Servlet API. */
function lineFor(ctx: FixContext): string {
  const spring = springVersion(ctx.assessment);
  return spring
    ? `the line for Spring ${spring}`
    : `the line for Servlet ${ctx.assessment.profile.servlet.version ?? ''}`;
}

/** Spring MVC with XML configuration: the repository configuration in the root context, the filter in web.xml. */
function xmlSession(ctx: FixContext, version: string | undefined, left: string[], saveAlways: boolean): FixOutcome {
  const webXml = webappDescriptors(ctx.project)[0];
  const contextFile = rootContextFile(ctx, webXml);
  if (!contextFile || !webXml) {
    left.push(
      'no Spring XML root context or web.xml found: declare RedisHttpSessionConfiguration and the springSessionRepositoryFilter by hand',
    );
    return { kind: 'session-store', message: 'Add Spring Session with Redis', left };
  }
  addRedisConfiguration(ctx.ws, contextFile, saveAlways);
  addSessionFilter(ctx.ws, webXml);
  return {
    kind: 'session-store',
    message: `Keep HTTP sessions in Redis with Spring Session\n\nspring-session-data-redis ${version} (${lineFor(ctx)}), RedisHttpSessionConfiguration in ${contextFile} and the springSessionRepositoryFilter first in web.xml: any instance can serve any request. The endpoint comes from REDIS_HOST, REDIS_PORT and REDIS_PASSWORD.${saveAlways ? ' The session is saved whole after each request (saveMode ALWAYS): the app changes objects it read from the session in place.' : ''}`,
    left,
  };
}

/** Spring Session with Redis: the dependencies, then Spring Boot's properties or the XML context and web.xml. */
export function springSession(ctx: FixContext, line: { version?: string; jedis?: string }): FixOutcome {
  const left: string[] = [];
  addDependencies(ctx, sessionDependencies(ctx, line, left), left);
  for (const name of REDIS_ENV) addEnv(ctx.record, { name, secret: name === 'REDIS_PASSWORD', usedBy: [] });
  ctx.record.sessionStore = { type: 'spring-session', jars: [], env: [...REDIS_ENV] };
  for (const f of ctx.findings.filter((g) => g.ruleId === 'tomcat-persistent-manager'))
    left.push(
      `${f.file}:${f.line}: a PersistentManager keeps Tomcat's own sessions on local disk; Spring Session keeps the app's in Redis now: remove it`,
    );
  const boot = ctx.assessment.profile.springBoot;
  // objects changed in place after getAttribute: Spring Session 2.2 and later can save every attribute each time
  const mutated = sessionMutations(ctx.project);
  const saveAlways = mutated.length > 0 && !boot && versionAtLeast(line.version ?? '0', '2.2');
  if (mutated.length && !saveAlways) left.push(mutationNote(mutated));
  return boot ? bootSession(ctx, left) : xmlSession(ctx, line.version, left, saveAlways);
}
