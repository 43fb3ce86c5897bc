import type { ConditionModule } from '../types.js';
import { objectOf, regex } from './schema-parts.js';

export interface DependencyCond {
  group?: string;
  artifact: string;
}

export const dependency: ConditionModule<'dependency', DependencyCond> = {
  key: 'dependency',
  schema: objectOf<DependencyCond>()(
    'a dependency declared in the build file (Maven, Gradle, Ivy); the value is group:artifact:version',
    { group: regex(), artifact: regex() },
    ['artifact'],
  ),
  evaluator(c) {
    return (f, ctx) => {
      const g = c.group ? ctx.regex(c.group) : undefined;
      const a = ctx.regex(c.artifact);
      return ctx.project.build.dependencies
        .filter((d) => d.file === f.file && a.test(d.artifact) && (!g || g.test(d.group ?? '')))
        .map((d) => ({
          file: f.file,
          line: Math.max(1, d.line),
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
  ],
};
