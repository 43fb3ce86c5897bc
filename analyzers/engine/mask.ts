import { oraclePassword, SCANNERS, SECRET_KEY, type Span } from './mask-scan.js';

const MASK = '****';

/** A name that says its value is a secret: a word above anywhere, or `pass` as a part (DB_PASS, mail.pass). */
export const SECRET_NAME = new RegExp(String.raw`${SECRET_KEY}|(?:^|[._-])pass(?:$|[._-])`, 'i');

// a password inside a connection string: ?password=, ;password= (SQL Server), user:password@, Oracle's user/password@
const CREDENTIAL_IN_VALUE = [/[?&;]\s*(?:password|pwd)\s*=\s*(?!\$\{)[^;&\s]/i, /\/\/[^/:@\s]+:(?!\$\{)[^@\s/]+@/];

/** Whether a value (a JDBC or LDAP URL) holds a password: the whole value is then a secret. */
export const holdsCredential = (value: string) =>
  CREDENTIAL_IN_VALUE.some((re) => re.test(value)) || oraclePassword(value);

/** The text with each span (in order, not overlapping) replaced by the mask. */
function replaceSpans(text: string, spans: Span[]): string {
  if (!spans.length) return text;
  const parts: string[] = [];
  let last = 0;
  for (const [start, end] of spans) {
    parts.push(text.slice(last, start), MASK);
    last = end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/**
 * Known secrets and the passwords inside them: a JDBC URL that holds a password is a secret as a whole, and its
 * password must not show where it stands alone either (a comment, a second key).
 */
function withPasswordsInside(secrets: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const s of secrets) {
    if (!s) continue;
    out.push(s);
    for (const scan of SCANNERS) {
      const spans: Span[] = [];
      scan(s, spans);
      for (const [start, end] of spans) if (end - start >= 3 && end - start < s.length) out.push(s.slice(start, end));
    }
  }
  return out;
}

/** Hides secrets in text shown to people: known secret values, then anything that looks like one. */
export function maskSecrets(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  for (const s of withPasswordsInside(secrets)) {
    // not inside a longer word or a dotted key: `db.password=password` keeps its key
    const re = new RegExp(
      `${/^\w/.test(s) ? '(?<![\\w.])' : ''}${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${/\w$/.test(s) ? '(?!\\w)' : ''}`,
      'g',
    );
    out = out.replace(re, MASK);
  }
  for (const scan of SCANNERS) {
    const spans: Span[] = [];
    scan(out, spans);
    out = replaceSpans(out, spans);
  }
  return out;
}
