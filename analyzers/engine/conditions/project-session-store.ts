import type { ConditionModule } from '../types.js';
import { NONE, wholeFile } from './matches.js';
import { flag } from './schema-parts.js';

export const projectSessionStore: ConditionModule<'project.sessionStore', Record<string, never>> = {
  key: 'project.sessionStore',
  schema: flag(
    'the app is configured with an external session store (a Redis or Memcached Tomcat manager, Spring Session); ' +
      'use inside not',
  ),
  evaluator: () => (f, ctx) => (ctx.sessionStore() ? [wholeFile(f.file, ctx.sessionStore())] : NONE),
  cases: [
    {
      name: 'every file of an app with a Redis session manager',
      when: { 'project.sessionStore': {} },
      files: {
        'META-INF/context.xml':
          '<Context>\n  <Manager className="org.redisson.tomcat.RedissonSessionManager"/>\n</Context>\n',
        'A.java': 'package a;\nclass A {}\n',
      },
      expect: ['META-INF/context.xml:1', 'A.java:1'],
      lookAlike: {
        'META-INF/context.xml':
          '<Context>\n  <Manager className="org.apache.catalina.session.PersistentManager"/>\n' +
          '  <!-- <Manager className="org.redisson.tomcat.RedissonSessionManager"/> -->\n</Context>\n',
      },
    },
  ],
};
