import path from 'node:path';
import { applyEdits, indentAt, indentUnit } from '../edit/java-source.js';
import { findElements, removal } from '../edit/xml-edit.js';
import { addEnv } from '../record.js';
import { withEol, type TextFile } from '../edit/text-file.js';
import type { Fix, FixContext, FixOutcome, SessionStore } from '../types.js';

const REDISSON_VERSION = '3.27.2';
const MSM_VERSION = '2.3.2';

/** Inserts a block of lines before an offset, indented like the line it lands on. */
function insertLines(file: TextFile, text: string, at: number, lines: string[], indent = indentAt(text, at)): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const startOfLine = text.slice(lineStart, at).trim() === '';
  const block = lines.map((l) => indent + l).join('\n') + '\n';
  const pos = startOfLine ? lineStart : at;
  return text.slice(0, pos) + withEol(file, startOfLine ? block : '\n' + block) + text.slice(pos);
}

/** Every webapp of the tree: its web.xml and the folder that holds WEB-INF and META-INF. */
function webRoots(ctx: FixContext): { webXml: string; root: string }[] {
  return ctx.project.config.webXml.map((w) => ({
    webXml: w.file,
    root: path.posix.dirname(path.posix.dirname(w.file)),
  }));
}

/** The Tomcat the app will run on in its container (the recommended base image), not the one it ran on before. */
function tomcatMajor(ctx: FixContext): number {
  const m = /^(?:.*\/)?tomcat:(\d+)\./.exec(ctx.assessment.baseImage.image);
  if (m) return Number(m[1]);
  return ctx.assessment.profile.servlet.namespace === 'jakarta' ? 10 : 9;
}

function managerXml(store: 'redis' | 'memcached'): string[] {
  return store === 'redis'
    ? [
        '<Manager className="org.redisson.tomcat.RedissonSessionManager"',
        '         configPath="${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="DEFAULT"/>',
      ]
    : [
        '<Manager className="de.javakaffee.web.msm.MemcachedBackupSessionManager"',
        '         memcachedNodes="${memcached.nodes}" sticky="false" sessionBackupAsync="false" lockingMode="auto"',
        '         requestUriIgnorePattern=".*\\.(ico|png|gif|jpg|css|js)$"',
        '         transcoderFactoryClass="de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory"/>',
      ];
}

/** <distributable/> in web.xml, where the DTD's element order allows it (after display-name and description). */
function addDistributable(ctx: FixContext, webXml: string): boolean {
  const file = ctx.ws.read(webXml);
  if (!file || findElements(file.text, 'distributable').length) return false;
  const [root] = findElements(file.text, 'web-app');
  if (!root) return false;
  const before = ['display-name', 'description', 'icon']
    .flatMap((n) => findElements(file.text, n))
    .sort((a, b) => b.end - a.end)[0];
  const at = before ? before.end : root.openEnd;
  const unit = indentUnit(file.text);
  const indent = before ? indentAt(file.text, before.start) : unit;
  ctx.ws.write(
    webXml,
    file,
    file.text.slice(0, at) + withEol(file, `\n${indent}<distributable/>`) + file.text.slice(at),
  );
  return true;
}

/** Puts the manager in one webapp's META-INF/context.xml, replacing a PersistentManager; returns a problem for a person, if any. */
function addManager(ctx: FixContext, contextXml: string, manager: string[]): string | undefined {
  const existing = ctx.ws.read(contextXml);
  if (existing) {
    const text = existing.text;
    const managers = findElements(text, 'Manager');
    if (managers.some((m) => /Redisson|javakaffee/.test(m.attrs.className ?? ''))) return undefined;
    const [ctxEl] = findElements(text, 'Context');
    if (!ctxEl) return `${contextXml} has no <Context> element: add the session manager by hand`;
    let next: string;
    if (managers.length) {
      const m = managers[0];
      const indent = indentAt(text, m.start);
      next =
        text.slice(0, m.start) +
        withEol(existing, manager.map((l, i) => (i ? indent : '') + l).join('\n')) +
        text.slice(m.end);
    } else {
      next = insertLines(existing, text, text.lastIndexOf('</', ctxEl.end), manager, indentUnit(text));
    }
    ctx.ws.write(contextXml, existing, next);
  } else {
    ctx.ws.create(
      contextXml,
      ['<?xml version="1.0" encoding="UTF-8"?>', '<Context>', ...manager.map((l) => `  ${l}`), '</Context>', ''].join(
        '\n',
      ),
    );
  }
  return undefined;
}

function tomcatManager(ctx: FixContext, store: 'redis' | 'memcached'): FixOutcome {
  const major = tomcatMajor(ctx);
  if (store === 'memcached' && major >= 10) {
    return {
      kind: 'session-store',
      message: '',
      left: [
        `memcached-session-manager supports Tomcat 6 to 9 only, and this app needs Tomcat ${major} (jakarta.servlet): use --session-store redis`,
      ],
    };
  }
  const roots = webRoots(ctx);
  if (!roots.length)
    return {
      kind: 'session-store',
      message: '',
      left: [
        'no WEB-INF/web.xml found: the session manager goes in META-INF/context.xml of the webapp; add it by hand',
      ],
    };
  const left: string[] = [];
  let distributable = false;
  for (const { webXml, root } of roots) {
    const contextXml = path.posix.join(root, 'META-INF/context.xml');
    const problem = addManager(ctx, contextXml, managerXml(store));
    if (problem) left.push(problem);
    distributable = addDistributable(ctx, webXml) || distributable;
  }
  const contextXml = roots.map((r) => path.posix.join(r.root, 'META-INF/context.xml')).join(', ');

  const jars =
    store === 'redis'
      ? [`org.redisson:redisson-all:${REDISSON_VERSION}`, `org.redisson:redisson-tomcat-${major}:${REDISSON_VERSION}`]
      : [
          `de.javakaffee.msm:memcached-session-manager:${MSM_VERSION}`,
          `de.javakaffee.msm:memcached-session-manager-tc${major}:${MSM_VERSION}`,
          'net.spy:spymemcached:2.12.3',
          `de.javakaffee.msm:msm-kryo-serializer:${MSM_VERSION}`,
          'de.javakaffee:kryo-serializers:0.45',
          'com.esotericsoftware:kryo:4.0.2',
          'com.esotericsoftware:minlog:1.3.1',
          'com.esotericsoftware:reflectasm:1.11.9',
          'org.objenesis:objenesis:2.6',
        ];
  const env = store === 'redis' ? ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD'] : ['MEMCACHED_NODES'];
  for (const name of env)
    addEnv(ctx.record, {
      name,
      secret: name.endsWith('PASSWORD'),
      usedBy: roots.map((r) => path.posix.join(r.root, 'META-INF/context.xml')),
    });
  if (store === 'memcached') ctx.record.javaSystemProperties['memcached.nodes'] = '${MEMCACHED_NODES}';
  ctx.record.sessionStore = {
    type: store,
    manager:
      store === 'redis'
        ? 'org.redisson.tomcat.RedissonSessionManager'
        : 'de.javakaffee.web.msm.MemcachedBackupSessionManager',
    jars,
    env,
  };
  const what =
    store === 'redis'
      ? `Redisson's RedissonSessionManager for Tomcat ${major}`
      : `memcached-session-manager for Tomcat ${major}, non-sticky, with the kryo transcoder`;
  return {
    kind: 'session-store',
    message: `Keep HTTP sessions in ${store === 'redis' ? 'Redis' : 'Memcached'}\n\n${contextXml} now uses ${what}, so any instance can serve any request and a restarted container loses no session.${distributable ? ' web.xml is marked <distributable/> so that Tomcat refuses non-serializable attributes at once instead of losing them later.' : ''} The jars it needs are listed in paasport.yaml for the image build; the endpoint comes from ${env.join(', ')}.`,
    left,
  };
}

function springSession(ctx: FixContext): FixOutcome {
  const left: string[] = [];
  const boot = ctx.assessment.profile.springBoot;
  const pom = ctx.project.build.tool === 'maven' ? ctx.project.build.file : undefined;
  const servlet = Number(ctx.assessment.profile.servlet.version ?? 3);
  const jakarta = ctx.assessment.profile.servlet.namespace === 'jakarta';
  const version = boot ? undefined : jakarta ? '3.2.0' : servlet >= 3.1 ? '2.7.4' : '1.3.5.RELEASE';
  const deps: [string, string, string | undefined][] = boot
    ? [
        ['org.springframework.session', 'spring-session-data-redis', undefined],
        ['org.springframework.boot', 'spring-boot-starter-data-redis', undefined],
      ]
    : [
        ['org.springframework.session', 'spring-session-data-redis', version],
        ['redis.clients', 'jedis', jakarta ? '5.0.2' : servlet >= 3.1 ? '3.8.0' : '2.9.0'],
      ];
  if (pom) {
    const file = ctx.ws.read(pom)!;
    const [dependencies] = findElements(file.text, 'dependencies').filter(
      (d) => !file.text.slice(0, d.start).includes('<dependencyManagement'),
    );
    if (dependencies && !file.text.includes('<artifactId>spring-session-data-redis</artifactId>')) {
      const at = file.text.lastIndexOf('</', dependencies.end);
      const unit = indentUnit(file.text);
      const lines = deps.flatMap(([g, a, v]) => [
        '<dependency>',
        `${unit}<groupId>${g}</groupId>`,
        `${unit}<artifactId>${a}</artifactId>`,
        ...(v ? [`${unit}<version>${v}</version>`] : []),
        '</dependency>',
      ]);
      ctx.ws.write(pom, file, insertLines(file, file.text, at, lines, indentAt(file.text, dependencies.start) + unit));
    }
  } else left.push(`add ${deps.map(([g, a, v]) => `${g}:${a}${v ? `:${v}` : ''}`).join(' and ')} to the build`);

  for (const name of ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD'])
    addEnv(ctx.record, { name, secret: name === 'REDIS_PASSWORD', usedBy: [] });
  ctx.record.sessionStore = { type: 'spring-session', jars: [], env: ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD'] };

  if (boot) {
    const props =
      ctx.project.files.find((f) => /(^|\/)src\/main\/resources\/application\.properties$/.test(f.file))?.file ??
      'src/main/resources/application.properties';
    const file = ctx.ws.read(props);
    const prefix = /^3\./.test(
      ctx.project.build.dependencies.find((d) => d.artifact.startsWith('spring-boot'))?.version ?? '',
    )
      ? 'spring.data.redis'
      : 'spring.redis';
    const lines = [
      'spring.session.store-type=redis',
      `${prefix}.host=\${REDIS_HOST:localhost}`,
      `${prefix}.port=\${REDIS_PORT:6379}`,
      `${prefix}.password=\${REDIS_PASSWORD:}`,
    ];
    if (file && !file.text.includes('spring.session.store-type'))
      ctx.ws.write(props, file, file.text.replace(/\s*$/, '') + withEol(file, `\n${lines.join('\n')}\n`));
    else if (!file) ctx.ws.create(props, lines.join('\n') + '\n');
    return {
      kind: 'session-store',
      message: `Keep HTTP sessions in Redis with Spring Session\n\nspring-session-data-redis and its properties: any instance can serve any request, and the Redis endpoint comes from REDIS_HOST, REDIS_PORT and REDIS_PASSWORD.`,
      left,
    };
  }

  // Spring MVC with XML configuration: the repository configuration in the root context, the filter in web.xml
  const webXml = ctx.project.config.webXml[0];
  const rootContext = webXml?.contextParams.find((p) => p.name === 'contextConfigLocation')?.value.split(/[,\s]+/)[0];
  const contextFile =
    ctx.project.files.find(
      (f) =>
        f.kind === 'xml' &&
        f.root === 'beans' &&
        rootContext &&
        f.file.endsWith(rootContext.replace(/^classpath\*?:/, '').replace(/^\//, '')),
    )?.file ?? ctx.project.files.find((f) => f.kind === 'xml' && f.root === 'beans')?.file;
  if (!contextFile || !webXml) {
    left.push(
      'no Spring XML root context or web.xml found: declare RedisHttpSessionConfiguration and the springSessionRepositoryFilter by hand',
    );
    return { kind: 'session-store', message: 'Add Spring Session with Redis', left };
  }
  const ctxFile = ctx.ws.read(contextFile)!;
  if (!ctxFile.text.includes('RedisHttpSessionConfiguration')) {
    const [beans] = findElements(ctxFile.text, 'beans');
    const hasPlaceholders = /property-placeholder|PlaceholderConfigurer/.test(ctxFile.text);
    const annotationConfig = /<context:(annotation-config|component-scan)\b/.test(ctxFile.text);
    const unit = indentUnit(ctxFile.text);
    const lines = [
      '<!-- sessions in Redis (Spring Session); the endpoint comes from the environment -->',
      ...(annotationConfig
        ? []
        : ['<bean class="org.springframework.context.annotation.ConfigurationClassPostProcessor"/>']),
      ...(hasPlaceholders
        ? []
        : ['<bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>']),
      '<bean class="org.springframework.session.data.redis.config.annotation.web.http.RedisHttpSessionConfiguration"/>',
      '<bean class="org.springframework.data.redis.connection.jedis.JedisConnectionFactory">',
      `${unit}<property name="hostName" value="\${REDIS_HOST:localhost}"/>`,
      `${unit}<property name="port" value="\${REDIS_PORT:6379}"/>`,
      `${unit}<property name="password" value="\${REDIS_PASSWORD:}"/>`,
      '</bean>',
    ];
    ctx.ws.write(
      contextFile,
      ctxFile,
      insertLines(ctxFile, ctxFile.text, ctxFile.text.lastIndexOf('</', beans.end), lines, unit),
    );
  }
  const web = ctx.ws.read(webXml.file)!;
  if (!web.text.includes('springSessionRepositoryFilter')) {
    const unit = indentUnit(web.text);
    const dtd = webXml.flavor === 'dtd';
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
    let text = web.text;
    // the repository filter must come first; the DTD wants filters, then mappings, then listeners and servlets
    const firstOf = (names: string[]) =>
      names.flatMap((n) => findElements(text, n)).sort((a, b) => a.start - b.start)[0];
    const mapAt = firstOf([
      'filter-mapping',
      'listener',
      'servlet',
      'servlet-mapping',
      'session-config',
      'welcome-file-list',
    ]);
    const [root] = findElements(text, 'web-app');
    const at = mapAt ? mapAt.start : text.lastIndexOf('</', root.end);
    text = insertLines(web, text, at, mapping, mapAt ? indentAt(text, mapAt.start) : unit);
    const filterAt = firstOf(['filter', 'filter-mapping']);
    text = insertLines(web, text, filterAt.start, filter, indentAt(text, filterAt.start));
    ctx.ws.write(webXml.file, web, text);
  }
  return {
    kind: 'session-store',
    message: `Keep HTTP sessions in Redis with Spring Session\n\nspring-session-data-redis ${version} (the line for Servlet ${ctx.assessment.profile.servlet.version ?? ''}), RedisHttpSessionConfiguration in ${contextFile} and the springSessionRepositoryFilter first in web.xml: any instance can serve any request. The endpoint comes from REDIS_HOST, REDIS_PORT and REDIS_PASSWORD.`,
    left,
  };
}

/** <Cluster> replication between Tomcat nodes goes: containers run single-node and share sessions through the store. */
function removeClusters(ctx: FixContext): void {
  for (const f of new Set(ctx.assessment.findings.filter((x) => x.ruleId === 'tomcat-cluster').map((x) => x.file))) {
    const file = ctx.ws.read(f);
    if (!file) continue;
    const edits = findElements(file.text, 'Cluster').map((c) => removal(file.text, c.start, c.end));
    ctx.ws.write(f, file, applyEdits(file.text, edits));
  }
}

export const sessionStoreFix: Fix = {
  kind: 'session-store',
  run(ctx) {
    const needsStore = ctx.assessment.findings.some(
      (f) => f.fix === 'session-store' || f.ruleId === 'session-attribute-write',
    );
    if (!needsStore) return { kind: 'session-store', message: '', left: [] };
    const spring = ctx.assessment.profile.frameworks.some((f) => f.name === 'Spring' || f.name === 'Spring Boot');
    const store: SessionStore = ctx.options.sessionStore ?? (spring ? 'spring-session' : 'redis');
    const outcome = store === 'spring-session' ? springSession(ctx) : tomcatManager(ctx, store);
    if (outcome.message) removeClusters(ctx);
    return outcome;
  },
};
