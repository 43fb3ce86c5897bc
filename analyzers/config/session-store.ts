import type { ProjectFacts } from '../types.js';

const STORE_MANAGERS =
  /(Redisson|RedisSessionManager|javakaffee\.web\.msm|MemcachedBackupSessionManager|DynamoSessionManager)/;

/** The external session store the app is configured with: a Tomcat manager, Spring Session's filter or property. */
export function externalSessionStore(project: ProjectFacts): string | undefined {
  for (const t of project.config.tomcat) {
    const m = t.elements.find((e) => e.kind === 'Manager' && STORE_MANAGERS.test(e.attributes.className ?? ''));
    if (m) return m.attributes.className;
  }
  if (project.config.webXml.some((w) => w.filters.some((f) => f.name === 'springSessionRepositoryFilter')))
    return 'Spring Session';
  for (const f of project.files) {
    if (f.kind === 'properties' && f.entries.some((e) => e.key === 'spring.session.store-type' && e.value !== 'none'))
      return 'Spring Session';
    if (f.kind === 'java' && f.annotations.some((a) => /Enable\w*HttpSession$/.test(a.name))) return 'Spring Session';
  }
  return undefined;
}
