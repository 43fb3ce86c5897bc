import type { FileFacts } from '../../types.js';
import type { ConditionModule } from '../types.js';
import { objectOf, regex } from './schema-parts.js';

export interface DependencyCond {
  group?: string;
  artifact: string;
  scope?: string; // regex on the scope; a dependency without one is in compile scope
}

/** A POM's <dependencyManagement> entry: a version pinned for the modules, not a dependency of this one. */
function managedOnly(f: FileFacts, line: number): boolean {
  if (f.kind !== 'xml') return false;
  const el = f.elements.find((e) => e.name === 'dependency' && e.line === line);
  return el !== undefined && el.path.includes('dependencyManagement/');
}

/** In a POM, the line of the dependency's artifactId (the line that names it); else the dependency's own line. */
function nameLine(f: FileFacts, line: number, artifact: string): number {
  if (f.kind !== 'xml') return line;
  const named = f.elements.find((e) => e.name === 'artifactId' && e.line >= line && e.text.trim() === artifact);
  return named && named.line - line < 8 ? named.line : line;
}

export const dependency: ConditionModule<'dependency', DependencyCond> = {
  key: 'dependency',
  schema: objectOf<DependencyCond>()(
    'a dependency declared in the build file (Maven, Gradle, Ivy); the value is group:artifact:version',
    { group: regex(), artifact: regex(), scope: regex('the scope (compile when none is written)') },
    ['artifact'],
  ),
  evaluator(c) {
    return (f, ctx) => {
      const g = c.group ? ctx.regex(c.group) : undefined;
      const a = ctx.regex(c.artifact);
      const s = c.scope ? ctx.regex(c.scope) : undefined;
      return ctx.project.build.dependencies
        .filter(
          (d) =>
            d.file === f.file &&
            a.test(d.artifact) &&
            (!g || g.test(d.group ?? '')) &&
            (!s || s.test(d.scope ?? 'compile')) &&
            !managedOnly(f, d.line),
        )
        .map((d) => ({
          file: f.file,
          line: Math.max(1, nameLine(f, d.line, d.artifact)),
          column: 1,
          value: [d.group, d.artifact, d.version].filter(Boolean).join(':'),
        }));
    };
  },
  cases: [
    {
      name: 'a Maven dependency by group and artifact',
      when: { dependency: { group: '^net\\.sf\\.ehcache$', artifact: '^ehcache' } },
      files: {
        'pom.xml':
          '<project>\n<dependencies>\n<dependency><groupId>net.sf.ehcache</groupId><artifactId>ehcache-core</artifactId>' +
          '<version>2.6.11</version></dependency>\n</dependencies>\n</project>\n',
      },
      expect: ['pom.xml:3'],
      lookAlike: {
        'pom.xml':
          '<project>\n<dependencies>\n<dependency><groupId>org.ehcache</groupId><artifactId>ehcache</artifactId>' +
          '</dependency>\n<!-- <dependency><groupId>net.sf.ehcache</groupId><artifactId>ehcache</artifactId>' +
          '</dependency> -->\n</dependencies>\n</project>\n',
      },
    },
    {
      name: 'a dependency packaged with the app (compile scope, written or not), at the line naming it',
      when: { dependency: { artifact: '^hsqldb$', scope: '^(compile|runtime)$' } },
      files: {
        'pom.xml':
          '<project>\n<dependencies>\n<dependency>\n  <groupId>org.hsqldb</groupId>\n  <artifactId>hsqldb</artifactId>\n' +
          '</dependency>\n</dependencies>\n</project>\n',
      },
      expect: ['pom.xml:5'],
      lookAlike: {
        'pom.xml':
          '<project>\n<dependencyManagement><dependencies>\n<dependency><groupId>org.hsqldb</groupId>' +
          '<artifactId>hsqldb</artifactId></dependency>\n</dependencies></dependencyManagement>\n<dependencies>\n' +
          '<dependency><groupId>org.hsqldb</groupId><artifactId>hsqldb</artifactId><scope>test</scope></dependency>\n' +
          '</dependencies>\n</project>\n',
      },
    },
    {
      name: "a Gradle dependency's configuration as its scope",
      when: { dependency: { artifact: '^h2$', scope: '^(compile|runtime)$' } },
      files: { 'build.gradle': "plugins { id 'war' }\ndependencies {\n  runtimeOnly 'com.h2database:h2:2.2.224'\n}\n" },
      expect: ['build.gradle:3'],
      lookAlike: {
        'build.gradle': "plugins { id 'war' }\ndependencies {\n  testImplementation 'com.h2database:h2:2.2.224'\n}\n",
      },
    },
  ],
};
