import type { ProjectFacts } from '../types.js';

/** A Spring 1.x/2.x that scans for components: it cannot start on a JVM after 1.7. */
export interface OldSpringScan {
  spring: string; // the version, or "2.5 or older" for a spring.jar without one (Spring 3.0 dropped that jar)
  jar: string; // the jar or build file that says it
  scan: string; // file:line of the <context:component-scan>
}

const SPRING_ARTIFACT = /^spring(-core|-context|-beans|-webmvc|-web)?$/;

/** The Spring version the app ships, when it is before 3.0 (the one-jar spring.jar only existed up to 2.5). */
function oldSpring(project: ProjectFacts): { spring: string; jar: string } | undefined {
  for (const d of project.build.dependencies) {
    if (!SPRING_ARTIFACT.test(d.artifact)) continue;
    const major = d.version ? Number(/^(\d+)\./.exec(d.version)?.[1]) : d.artifact === 'spring' ? 2 : NaN;
    if (major < 3) return { spring: d.version ?? '2.5 or older', jar: d.line ? `${d.file}:${d.line}` : d.file };
  }
  return undefined;
}

/**
 * Spring before 3.0 reads the Java version from "java.version" and knows nothing after 1.7: on Java 8 and later it
 * takes the JVM for Java 1.4 and `<context:component-scan>` fails while the context starts.
 */
export function oldSpringScan(project: ProjectFacts): OldSpringScan | undefined {
  const spring = oldSpring(project);
  if (!spring) return undefined;
  for (const f of project.files) {
    if (f.kind !== 'xml' || f.root !== 'beans') continue;
    const scan = f.elements.find((e) => e.name === 'component-scan');
    if (scan) return { ...spring, scan: `${f.file}:${scan.line}` };
  }
  return undefined;
}

const CHARSETS: Record<string, string> = { gbk: 'GBK', gb2312: 'GBK', gb18030: 'GB18030', big5: 'Big5' };

/**
 * The charset the app's sources are written in, when it is not UTF-8: the build's source encoding, else GBK when at
 * least one Java file in ten holds GBK text (files of plain ASCII read as UTF-8, so a majority would miss most GBK
 * apps). Such an app ran on servers whose default charset was that one.
 */
export function legacyCharset(project: ProjectFacts): string | undefined {
  const declared = project.build.sourceEncoding?.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (declared) return CHARSETS[declared];
  const java = project.files.filter((f) => f.kind === 'java');
  const gbk = java.filter((f) => f.encoding === 'gbk').length;
  return gbk > 0 && gbk * 10 >= java.length ? 'GBK' : undefined;
}
