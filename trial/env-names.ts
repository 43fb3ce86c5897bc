// Environment names an application's settings must not take: the container, the JVM, Tomcat, Mesos, Marathon and
// paasport's own scripts read or set them, so an app variable of that name changes how the container starts.

/** Who owns a name, and the names (exact or by pattern) that are theirs. */
interface NameOwner {
  owner: string;
  exact: string[];
  patterns: RegExp[];
}

const OWNERS: NameOwner[] = [
  {
    owner: 'the OS',
    exact: ['PATH', 'HOME', 'HOSTNAME', 'USER', 'LOGNAME', 'SHELL', 'PWD', 'OLDPWD', 'TERM', 'LANG', 'LANGUAGE'],
    patterns: [/^LC_/, /^LD_/],
  },
  { owner: 'the OS', exact: ['TMPDIR', 'TMP', 'TEMP', 'IFS', 'PS1', 'MAIL', 'UID', 'EUID', 'PPID'], patterns: [] },
  { owner: 'the JVM', exact: ['CLASSPATH', 'JRE_HOME', 'JDK_JAVA_OPTIONS'], patterns: [/^_?JAVA_/] },
  { owner: 'Tomcat', exact: ['JSSE_OPTS', 'UMASK', 'USE_NOHUP', 'LOGGING_CONFIG', 'LOGGING_MANAGER'], patterns: [] },
  { owner: 'Tomcat', exact: ['TOMCAT_MAJOR', 'TOMCAT_VERSION', 'TOMCAT_SHA512'], patterns: [/^CATALINA_/, /^JPDA_/] },
  { owner: 'Mesos', exact: [], patterns: [/^MESOS_/, /^LIBPROCESS_/] },
  // Marathon sets PORT, PORTS, PORT0, PORT1, ... and PORT_<name> of each port mapping
  { owner: 'Marathon', exact: ['HOST', 'PORT', 'PORTS'], patterns: [/^PORT\d+$/, /^PORT_/, /^MARATHON_/] },
  { owner: 'paasport', exact: ['LOG_DIR', 'HOST', 'TZ'], patterns: [] },
];

export interface NameCollision {
  name: string;
  owners: string[];
}

function ownersOf(name: string): string[] {
  const owners = OWNERS.filter((o) => o.exact.includes(name) || o.patterns.some((p) => p.test(name)));
  return [...new Set(owners.map((o) => o.owner))];
}

/** The names among these that someone else already owns, each once, with who owns it. */
export function collidingNames(names: Iterable<string>): NameCollision[] {
  const out: NameCollision[] = [];
  for (const name of new Set(names)) {
    const owners = ownersOf(name);
    if (owners.length) out.push({ name, owners });
  }
  return out;
}
