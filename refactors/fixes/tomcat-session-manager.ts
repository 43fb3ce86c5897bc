import path from 'node:path';
import { webRootOf } from '../../analyzers/config/web-xml.js';
import { indentAt, indentUnit } from '../edit/lines.js';
import type { TextEdit } from '../edit/text-edit.js';
import { withEol } from '../edit/text-file.js';
import { appendChildren, elementAt, elementsNamed, readXml, type XmlFile } from '../edit/xml-doc.js';
import { addEnv } from '../record.js';
import type { FixContext, FixOutcome } from '../types.js';
import type { Workspace } from '../workspace.js';
import { byFile } from './by-file.js';
import { sessionMutations } from './session-mutations.js';
import { tomcatMajor } from './spring-session-line.js';
import { webappDescriptors } from './webapp-roots.js';

const REDISSON_VERSION = '3.27.2';
const MSM_VERSION = '2.3.2';

type TomcatStore = 'redis' | 'memcached';

/** What paasport.yaml records of the store: the manager class, the jars the image needs, the endpoint's variables. */
interface ManagerSetting {
  type: TomcatStore;
  manager: string;
  jars: string[];
  env: string[];
}

/** Redisson saves attributes on setAttribute (DEFAULT), or every attribute after each request (AFTER_REQUEST). */
type UpdateMode = 'DEFAULT' | 'AFTER_REQUEST';

function managerXml(store: TomcatStore, updateMode: UpdateMode): string[] {
  return store === 'redis'
    ? [
        '<Manager className="org.redisson.tomcat.RedissonSessionManager"',
        `         configPath="\${catalina.base}/conf/redisson.yaml" readMode="REDIS" updateMode="${updateMode}"/>`,
      ]
    : [
        '<Manager className="de.javakaffee.web.msm.MemcachedBackupSessionManager"',
        '         memcachedNodes="${memcached.nodes}" sticky="false" sessionBackupAsync="false" lockingMode="auto"',
        '         requestUriIgnorePattern=".*\\.(ico|png|gif|jpg|css|js)$"',
        '         transcoderFactoryClass="de.javakaffee.web.msm.serializer.kryo.KryoTranscoderFactory"/>',
      ];
}

/** The manager class, the jars the image needs beside Tomcat, and the variables the endpoint comes from. */
function storeSetting(store: TomcatStore, major: number): ManagerSetting {
  if (store === 'redis')
    return {
      type: store,
      manager: 'org.redisson.tomcat.RedissonSessionManager',
      jars: [
        `org.redisson:redisson-all:${REDISSON_VERSION}`,
        `org.redisson:redisson-tomcat-${major}:${REDISSON_VERSION}`,
      ],
      env: ['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD'],
    };
  return {
    type: store,
    manager: 'de.javakaffee.web.msm.MemcachedBackupSessionManager',
    jars: [
      `de.javakaffee.msm:memcached-session-manager:${MSM_VERSION}`,
      `de.javakaffee.msm:memcached-session-manager-tc${major}:${MSM_VERSION}`,
      'net.spy:spymemcached:2.12.3',
      `de.javakaffee.msm:msm-kryo-serializer:${MSM_VERSION}`,
      'de.javakaffee:kryo-serializers:0.45',
      'com.esotericsoftware:kryo:4.0.2',
      'com.esotericsoftware:minlog:1.3.1',
      'com.esotericsoftware:reflectasm:1.11.9',
      'org.objenesis:objenesis:2.6',
    ],
    env: ['MEMCACHED_NODES'],
  };
}

/** <distributable/> in web.xml, where the DTD's element order allows it (after display-name and description). */
function addDistributable(ws: Workspace, webXml: string): boolean {
  const x = readXml(ws, webXml);
  if (!x || elementsNamed(x, 'distributable').length) return false;
  const [root] = elementsNamed(x, 'web-app');
  if (!root) return false;
  // only the descriptor's own display-name, description and icon: a servlet or a filter has its own
  const rootIndex = x.doc.elements.indexOf(root);
  const before = elementsNamed(x, 'display-name', 'description', 'icon')
    .filter((e) => e.parent === rootIndex)
    .sort((a, b) => b.spans.end - a.spans.end)[0];
  const at = before ? before.spans.end : root.spans.openEnd;
  const indent = before ? indentAt(x.file.text, before.spans.start) : indentUnit(x.file.text);
  return ws.edit(webXml, x.file, [{ start: at, end: at, text: withEol(x.file, `\n${indent}<distributable/>`) }]);
}

/** The manager in place of one there (a PersistentManager; the first, unless named), indented like it. */
function replaceManager(x: XmlFile, lines: string[], old = elementsNamed(x, 'Manager')[0]): TextEdit | undefined {
  if (!old) return undefined;
  const indent = indentAt(x.file.text, old.spans.start);
  const text = withEol(x.file, lines.map((l, i) => (i ? indent : '') + l).join('\n'));
  return { start: old.spans.start, end: old.spans.end, text };
}

/** The manager in a webapp's META-INF/context.xml, in place of a PersistentManager; a problem for a person, if any. */
function addManager(ws: Workspace, contextXml: string, manager: string[]): string | undefined {
  const x = readXml(ws, contextXml);
  if (!x) {
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Context>',
      ...manager.map((l) => `  ${l}`),
      '</Context>',
    ];
    ws.create(contextXml, [...lines, ''].join('\n'));
    return undefined;
  }
  if (elementsNamed(x, 'Manager').some((m) => /Redisson|javakaffee/.test(m.attributes.className ?? '')))
    return undefined;
  const [context] = elementsNamed(x, 'Context');
  if (!context) return `${contextXml} has no <Context> element: add the session manager by hand`;
  const edit = replaceManager(x, manager) ?? appendChildren(x, context, manager, indentUnit(x.file.text));
  ws.edit(contextXml, x.file, [edit]);
  return undefined;
}

/**
 * PersistentManagers outside the webapps' own context.xml (a bundled Tomcat's conf/Catalina/localhost/ROOT.xml,
 * which wins over META-INF/context.xml, or its conf/context.xml) are replaced too; any not replaced is named.
 */
function replaceOtherManagers(ctx: FixContext, contextFiles: string[], manager: string[]): string[] {
  const left: string[] = [];
  const found = ctx.findings.filter((f) => f.ruleId === 'tomcat-persistent-manager' && !contextFiles.includes(f.file));
  for (const [file, findings] of byFile(found)) {
    const x = readXml(ctx.ws, file);
    const managers = x ? findings.map((f) => elementAt(ctx.ws, x, f)).filter((el) => el?.name === 'Manager') : [];
    const edits = x ? [...new Set(managers)].map((el) => replaceManager(x, manager, el)) : [];
    if (x && edits.length && edits.every((e) => e)) ctx.ws.edit(file, x.file, edits as TextEdit[]);
    else left.push(`${file}: a PersistentManager keeps sessions on local disk: replace it with the session manager`);
  }
  return left;
}

function recordStore(ctx: FixContext, setting: ManagerSetting, contextFiles: string[]): void {
  // one list each: paasport.yaml would show a shared one as a YAML alias
  for (const name of setting.env)
    addEnv(ctx.record, { name, secret: name.endsWith('PASSWORD'), usedBy: [...contextFiles] });
  if (setting.type === 'memcached') ctx.record.javaSystemProperties['memcached.nodes'] = '${MEMCACHED_NODES}';
  ctx.record.sessionStore = setting;
}

function refused(reason: string): FixOutcome {
  return { kind: 'session-store', message: '', left: [reason] };
}

function afterRequestNote(mutated: string[]): string {
  if (!mutated.length) return '';
  const where = mutated.slice(0, 3).join(', ') + (mutated.length > 3 ? ', …' : '');
  return ` Redisson runs with updateMode="AFTER_REQUEST": the app changes objects it read from the session in place (${where}), and in the default mode only setAttribute reaches Redis.`;
}

function storeMessage(store: TomcatStore, major: number, contextFiles: string[], distributable: boolean): string {
  const what =
    store === 'redis'
      ? `Redisson's RedissonSessionManager for Tomcat ${major}`
      : `memcached-session-manager for Tomcat ${major}, non-sticky, with the kryo transcoder`;
  const env = storeSetting(store, major).env;
  return `Keep HTTP sessions in ${store === 'redis' ? 'Redis' : 'Memcached'}\n\n${contextFiles.join(', ')} now uses ${what}, so any instance can serve any request and a restarted container loses no session.${distributable ? ' web.xml is marked <distributable/> so that Tomcat refuses non-serializable attributes at once instead of losing them later.' : ''} The jars it needs are listed in paasport.yaml for the image build; the endpoint comes from ${env.join(', ')}.`;
}

/** A Tomcat session manager (Redisson or memcached-session-manager) in every webapp's META-INF/context.xml. */
export function tomcatManager(ctx: FixContext, store: TomcatStore): FixOutcome {
  const major = tomcatMajor(ctx.assessment);
  if (store === 'memcached' && major >= 10)
    return refused(
      `memcached-session-manager supports Tomcat 6 to 9 only, and this app needs Tomcat ${major} (jakarta.servlet): use --session-store redis`,
    );
  const webXmls = webappDescriptors(ctx.project).map((w) => w.file);
  if (!webXmls.length)
    return refused(
      'no WEB-INF/web.xml found: the session manager goes in META-INF/context.xml of the webapp; add it by hand',
    );
  const left: string[] = [];
  let distributable = false;
  // objects changed in place after getAttribute reach Redis only when Redisson saves after each request
  const mutated = store === 'redis' ? sessionMutations(ctx.project) : [];
  const manager = managerXml(store, mutated.length ? 'AFTER_REQUEST' : 'DEFAULT');
  const contextFiles = webXmls.map((w) => path.posix.join(webRootOf(w), 'META-INF/context.xml'));
  webXmls.forEach((webXml, i) => {
    const problem = addManager(ctx.ws, contextFiles[i], manager);
    if (problem) left.push(problem);
    distributable = addDistributable(ctx.ws, webXml) || distributable;
  });
  left.push(...replaceOtherManagers(ctx, contextFiles, manager));
  recordStore(ctx, storeSetting(store, major), contextFiles);
  const message = storeMessage(store, major, contextFiles, distributable) + afterRequestNote(mutated);
  return { kind: 'session-store', message, left };
}
