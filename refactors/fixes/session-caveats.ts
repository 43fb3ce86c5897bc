import type { FixContext } from '../types.js';

const places = (found: string[]) => found.slice(0, 3).join(', ') + (found.length > 3 ? `, … (${found.length})` : '');

/**
 * Shiro's native sessions (a SessionDAO in memory or on a local ehcache, DefaultWebSessionManager) are not the
 * servlet container's HttpSession: neither Spring Session nor a Tomcat manager moves them.
 */
function shiroSessions(ctx: FixContext): string[] {
  const found = ctx.assessment.findings.filter((f) => f.ruleId === 'shiro-local-sessions');
  if (!found.length) return [];
  const shared = ctx.project.files.find(
    (f) => f.kind === 'java' && f.types.some((t) => /(Redis|Jedis)\w*SessionDAO$/.test(t.name)),
  );
  const own = shared ? ` (the app has one: ${shared.file})` : '';
  return [
    `Shiro keeps its own sessions in this JVM (${places(found.map((f) => `${f.file}:${f.line}`))}): the session store moves the container's HttpSession only, not Shiro's native sessions. Give Shiro a SessionDAO on Redis${own}, or let it use the container's sessions (ServletContainerSessionManager)`,
  ];
}

/** Objects read from the session and changed in place, which Spring Session before 2.2 saves only when set. */
export function mutationNote(found: string[]): string {
  return `objects read from the session are changed in place (${places(found)}): Spring Session saves an attribute only when it is set, so set it again after changing it`;
}

/** What the chosen store does not move, for a person. */
export const sessionCaveats = (ctx: FixContext): string[] => shiroSessions(ctx);
