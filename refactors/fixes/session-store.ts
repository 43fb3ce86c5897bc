import { lineRemoval } from '../edit/lines.js';
import { elementAt, readXml } from '../edit/xml-doc.js';
import type { Fix, FixContext } from '../types.js';
import { byFile } from './by-file.js';
import { springSession } from './spring-session.js';
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
    if (!ctx.findings.length) return { kind: 'session-store', message: '', left: [] };
    const spring = ctx.assessment.profile.frameworks.some((f) => f.name === 'Spring' || f.name === 'Spring Boot');
    const store = ctx.options.sessionStore ?? (spring ? 'spring-session' : 'redis');
    const outcome = store === 'spring-session' ? springSession(ctx) : tomcatManager(ctx, store);
    if (outcome.message) removeClusters(ctx);
    return outcome;
  },
};
