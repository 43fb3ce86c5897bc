import { externalSessionStore } from '../../analyzers/config/session-store.js';
import { lineRemoval } from '../edit/lines.js';
import { elementAt, readXml } from '../edit/xml-doc.js';
import type { Fix, FixContext } from '../types.js';
import { byFile } from './by-file.js';
import { springSession } from './spring-session.js';
import { sessionCaveats } from './session-caveats.js';
import { sessionLine } from './spring-session-line.js';
import { tomcatManager } from './tomcat-session-manager.js';

/**
 * <Cluster> replication between Tomcat nodes goes: containers run single-node and share sessions through the
 * store. The elements removed are those the findings point at.
 */
function removeClusters(ctx: FixContext): void {
  const xmlFiles = new Set(ctx.project.files.filter((f) => f.kind === 'xml').map((f) => f.file));
  for (const [rel, findings] of byFile(ctx.findings.filter((f) => xmlFiles.has(f.file)))) {
    const x = readXml(ctx.ws, rel);
    if (!x) continue;
    const clusters = new Set(findings.map((f) => elementAt(ctx.ws, x, f)).filter((el) => el?.name === 'Cluster'));
    const edits = [...clusters].map((c) => lineRemoval(x.file.text, c!.spans.start, c!.spans.end));
    ctx.ws.edit(rel, x.file, edits);
  }
}

const redisOr = (store: string) => (store === 'memcached' ? 'memcached' : 'redis');

/**
 * Spring Session where it can run: a Spring app whose build can add the dependencies (Maven or Gradle; jars in
 * WEB-INF/lib would get nothing) on a Spring and Servlet API the line supports; else a Tomcat manager.
 */
function chosenStore(ctx: FixContext<'sessionStore'>): {
  store: string;
  line?: { version?: string; jedis?: string };
  why?: string;
} {
  const { profile } = ctx.assessment;
  const spring = profile.frameworks.some((f) => f.name === 'Spring' || f.name === 'Spring Boot');
  const wanted = ctx.options.sessionStore ?? (spring ? 'spring-session' : 'redis');
  if (wanted !== 'spring-session') return { store: wanted };
  const line = sessionLine(ctx.assessment);
  const built = ctx.project.build.tool === 'maven' || ctx.project.build.tool === 'gradle';
  if (!('none' in line) && built) return { store: wanted, line };
  const reason = 'none' in line ? line.none : 'the app has no Maven or Gradle build to add Spring Session to';
  return { store: 'redis', why: `Spring Session not used: ${reason}` };
}

export const sessionStoreFix: Fix<'sessionStore'> = {
  kind: 'session-store',
  options: ['sessionStore'],
  resolves: [
    'session-attribute-write',
    'session-scoped-spring-bean',
    'session-scoped-struts-form',
    'tomcat-persistent-manager',
    'tomcat-cluster',
  ],
  run(ctx) {
    if (!ctx.findings.length) {
      // a store configured by an earlier run: what it does not move is still left for a person, on every run
      const left = externalSessionStore(ctx.project) ? sessionCaveats(ctx) : [];
      return { kind: 'session-store', message: '', left };
    }
    const { store, line, why } = chosenStore(ctx);
    const outcome = store === 'spring-session' && line ? springSession(ctx, line) : tomcatManager(ctx, redisOr(store));
    // asked for by name, the person learns why it is not what the app got; else the commit message says it
    if (why && ctx.options.sessionStore) outcome.left.unshift(why);
    else if (why && outcome.message) outcome.message += ` ${why}.`;
    if (outcome.message) outcome.left.push(...sessionCaveats(ctx));
    if (outcome.message) removeClusters(ctx);
    return outcome;
  },
};
