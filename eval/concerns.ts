// The concerns hand labels are written in, and the concern of each bundled rule.
export const CONCERNS = ['session', 'state', 'files', 'config', 'logging', 'database'] as const;
export type Concern = (typeof CONCERNS)[number];

const BY_RULE: Record<string, Concern> = {
  'session-attribute-write': 'session',
  'session-attribute-not-serializable': 'session',
  'session-scoped-spring-bean': 'session',
  'session-scoped-struts-form': 'session',
  'session-scoped-jsf-ejb': 'session',
  'tomcat-persistent-manager': 'session',
  'tomcat-cluster': 'session',
  'webapp-distributable': 'session',
  'shiro-local-sessions': 'session',
  'static-mutable-state': 'state',
  'embedded-cache': 'state',
  'servlet-context-attribute-write': 'state',
  'quartz-ram-job-store': 'state',
  'local-file-write': 'files',
  'upload-to-local-disk': 'files',
  'real-path-write': 'files',
  'absolute-path': 'files',
  'home-or-temp-data': 'files',
  'local-search-index': 'files',
  'cache-disk-store': 'files',
  'file-logging': 'logging',
  'unused-file-appender': 'logging',
  'embedded-database': 'database',
  'embedded-server': 'database',
  'loopback-endpoint': 'config',
  'in-memory-database': 'database',
  'in-memory-data-store': 'database',
};

/** A rule's concern: from the table, else from its tags (a rule pack of the user's own). */
export function concernOfRule(ruleId: string, tags: string[]): Concern | undefined {
  if (BY_RULE[ruleId]) return BY_RULE[ruleId];
  if (ruleId.startsWith('hardcoded-') || tags.includes('config')) return 'config';
  if (tags.includes('session')) return 'session';
  if (tags.includes('local-files')) return 'files';
  if (tags.includes('logging')) return 'logging';
  if (tags.includes('stateful-middleware') || tags.includes('database')) return 'database';
  if (tags.includes('state')) return 'state';
  return undefined;
}
