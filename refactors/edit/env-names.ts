import type { AppRecord } from '../types.js';

/**
 * Names the environment already gives a meaning to: the OS and the shell, the JVM, catalina.sh and the Tomcat image,
 * Mesos and Marathon, and paasport's own (setenv.sh exports LOG_DIR and HOST, the per-host log folder; the session
 * store reads REDIS_*). A variable a fix names after a value must never be one of them: `PATH` read by the code is
 * the OS's, and set in Marathon it hides catalina.sh.
 */
const RESERVED_NAMES = new Set([
  'PATH',
  'HOME',
  'HOSTNAME',
  'HOST',
  'USER',
  'LOGNAME',
  'SHELL',
  'PWD',
  'OLDPWD',
  'TERM',
  'TMPDIR',
  'TMP',
  'TEMP',
  'IFS',
  'PS1',
  'MAIL',
  'UID',
  'EUID',
  'PPID',
  'TZ',
  'LANG',
  'LANGUAGE',
  'UMASK',
  'CLASSPATH',
  'JRE_HOME',
  'LOGGING_CONFIG',
  'LOGGING_MANAGER',
  'USE_NOHUP',
  'JSSE_OPTS',
  'GPG_KEYS',
  'LOG_DIR',
  'REDIS_HOST',
  'REDIS_PORT',
  'REDIS_PASSWORD',
]);

const RESERVED_PREFIXES = /^(PORT|_?JAVA_|JDK_|CATALINA_|JPDA_|TOMCAT_|MESOS_|MARATHON_|LIBPROCESS_|LC_|LD_|DOCKER_)/;

/** Whether the environment already means something by this name (see RESERVED_NAMES). */
export const isReservedEnv = (name: string): boolean => RESERVED_NAMES.has(name) || RESERVED_PREFIXES.test(name);

// Words that say what kind of value a variable holds but not whose: a name made only of them needs a qualifier
const GENERIC_WORDS = new Set(
  (
    'PASSWORD PASSWD PWD PASS SECRET TOKEN KEY API STR STRING SERVER SERVICE URL URI HOST IP ADDR ADDRESS USER ' +
    'USERNAME NAME DIR PATH FILE ROOT BASE DEFAULT VALUE DATA CONFIG CONF PORT LOCATION PREFIX TEMP TMP'
  ).split(' '),
);

/** A name that says only what kind of value it is (PASSWORD, TOKEN, STR, SERVER_URL), or is too short to say more. */
export const isGenericEnv = (name: string): boolean =>
  name.length < 3 || name.split('_').every((w) => GENERIC_WORDS.has(w) || /^\d*$/.test(w));

/** ENV_STYLE names: mailSender.password → MAIL_SENDER_PASSWORD. No checks: see safeEnvName and chooseEnvName. */
export function envStyle(...parts: string[]): string {
  return parts
    .join('_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** An ENV_STYLE name with no meaning in the environment: a reserved one, or one not led by a letter, gets APP_ */
export function envName(...parts: string[]): string {
  const name = envStyle(...parts) || 'VALUE';
  return isReservedEnv(name) || !/^[A-Z]/.test(name) ? `APP_${name}` : name;
}

/** A variable named so far in one run, with the value it stands for. */
export interface NamedValue {
  name: string;
  value?: string;
}

export interface NameRequest {
  parts: string[]; // what the value is called where it is written: a field, a property key, a class and a kind
  qualifiers: string[][]; // whose value it is, most general first: the class, then the method; the file
  value?: string; // the value taken out, undefined when there is none (a folder inside the webapp)
  numbered?: boolean; // false: no NAME_2 when every qualifier is used up (several paths probed: a person decides)
}

const takenByOther = (record: AppRecord, named: NamedValue[], name: string, value: string | undefined) =>
  record.env.some((e) => e.name === name && (e.secret ? record.secretValues[e.name] : e.default) !== value) ||
  named.some((n) => n.name === name && n.value !== value);

/**
 * The variable for a value: its own name unless that is reserved or generic, else qualified by whose it is (the
 * class, then the method); a name another value already has is qualified too, so two databases get two names.
 * _2, _3 only when every qualifier is used up, and only when the request allows numbered names (else undefined).
 */
export function chooseEnvName(record: AppRecord, named: NamedValue[], req: NameRequest): string | undefined {
  const own = envStyle(...req.parts);
  const candidates = [own, ...req.qualifiers.map((q) => envStyle(...q, ...req.parts))].filter(Boolean);
  // a qualified name says whose value it is, even when its words are generic (DB_URL for class Db)
  const usable = (n: string, i: number) => !isReservedEnv(n) && /^[A-Z]/.test(n) && (i > 0 || !isGenericEnv(n));
  for (const [i, n] of candidates.entries()) if (usable(n, i) && !takenByOther(record, named, n, req.value)) return n;
  if (req.numbered === false) return undefined;
  const base = envName(candidates[candidates.length - 1] ?? 'VALUE');
  let name = base;
  for (let i = 2; takenByOther(record, named, name, req.value); i++) name = `${base}_${i}`;
  return name;
}
