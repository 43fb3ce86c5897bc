const MASK = '****';

// key=value, key: value, key="value", <key>value</key>, name="password" value="..." shapes
const SECRET_KEY = String.raw`(?:password|passwd|pwd|secret|token|api[._-]?key|access[._-]?key|private[._-]?key|credentials?)`;

/** A name that says its value is a secret: a word above anywhere, or `pass` as a part (DB_PASS, mail.pass). */
export const SECRET_NAME = new RegExp(String.raw`${SECRET_KEY}|(?:^|[._-])pass(?:$|[._-])`, 'i');
const PATTERNS: RegExp[] = [
  new RegExp(String.raw`(\b[\w.-]*${SECRET_KEY}[\w.-]*\s*[=:]\s*)(?!\$\{)([^\s,;'"<>]+)`, 'gi'),
  new RegExp(String.raw`(\b[\w.-]*${SECRET_KEY}[\w.-]*\s*=\s*")(?!\$\{)([^"]+)(")`, 'gi'),
  new RegExp(String.raw`(<[\w.:-]*${SECRET_KEY}[\w.:-]*>)(?!\$\{)([^<]+)(<)`, 'gi'),
  new RegExp(String.raw`(name\s*=\s*"[^"]*${SECRET_KEY}[^"]*"\s+value\s*=\s*")(?!\$\{)([^"]+)(")`, 'gi'),
  /(\b[a-z][\w+.-]*:\/\/[^:/@\s]+:)([^@\s/]+)(@)/gi, // user:password@host in URLs
  /(\bjdbc:oracle:\w+:[^/\s:@"'<>]+\/)([^@\s"'<>]+)(@)/gi, // Oracle's scott/tiger@host
];

// a password inside a connection string: ?password=, ;password= (SQL Server), user:password@, Oracle's user/password@
const CREDENTIAL_IN_VALUE = [
  /[?&;]\s*(?:password|pwd)\s*=\s*(?!\$\{)[^;&\s]/i,
  /\/\/[^/:@\s]+:(?!\$\{)[^@\s/]+@/,
  /\bjdbc:oracle:\w+:[^/\s:@]+\/(?!\$\{)[^@\s]+@/i,
];

/** Whether a value (a JDBC or LDAP URL) holds a password: the whole value is then a secret. */
export const holdsCredential = (value: string) => CREDENTIAL_IN_VALUE.some((re) => re.test(value));

/** Hides secrets in text shown to people: known secret values, then anything that looks like one. */
export function maskSecrets(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    // not inside a longer word or a dotted key: `db.password=password` keeps its key
    const re = new RegExp(
      `${/^\w/.test(s) ? '(?<![\\w.])' : ''}${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${/\w$/.test(s) ? '(?!\\w)' : ''}`,
      'g',
    );
    out = out.replace(re, MASK);
  }
  for (const p of PATTERNS)
    out = out.replace(p, (_m, a: string, _v: string, c?: string) => `${a}${MASK}${typeof c === 'string' ? c : ''}`);
  return out;
}
