/**
 * The shapes of secrets in text, found in one pass each: a regex like `\b[\w.-]*password[\w.-]*\s*=` backtracks over
 * every way to split a long word (a 160 KB line took minutes), so each scanner finds a whole word first with a regex
 * that cannot split it, and only then looks for the secret's name inside it and for the value after it.
 */

export type Span = [start: number, end: number];

const KEY = String.raw`(?:password|passwd|pwd|secret|token|api[._-]?key|access[._-]?key|private[._-]?key|credentials?)`;
const HAS_KEY = new RegExp(KEY, 'i');

/** A value that is a placeholder, not a secret. */
const placeholder = (text: string, at: number) => text.startsWith('${', at);

/** `key=value` or `key: value` where the key is a word naming a secret; the value ends at a space or , ; ' " < >. */
function keyValue(text: string, out: Span[]): void {
  const word = /(?<![\w.-])[\w.-]+\s*[=:]\s*/g;
  const value = /[^\s,;'"<>]+/y;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const at = word.lastIndex;
    if (!HAS_KEY.test(m[0]) || placeholder(text, at)) continue;
    value.lastIndex = at;
    if (!value.test(text)) continue;
    out.push([at, value.lastIndex]);
    word.lastIndex = value.lastIndex;
  }
}

/** `key="value"` where the key is a word naming a secret. */
function keyQuoted(text: string, out: Span[]): void {
  const word = /(?<![\w.-])[\w.-]+\s*=\s*"/g;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const at = word.lastIndex;
    const close = text.indexOf('"', at);
    if (close < 0) return; // no quote closes this value, nor any later one
    if (close === at || !HAS_KEY.test(m[0]) || placeholder(text, at)) continue;
    out.push([at, close]);
    word.lastIndex = close + 1;
  }
}

/** `<password>value<`: an element whose name names a secret. */
function element(text: string, out: Span[]): void {
  const tag = /<([\w.:-]*)>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const at = tag.lastIndex;
    const next = text.indexOf('<', at);
    if (next < 0) return;
    if (next === at || !HAS_KEY.test(m[1]) || placeholder(text, at)) continue;
    out.push([at, next]);
    tag.lastIndex = next + 1;
  }
}

/** `name="db.password" value="..."`. */
function nameValue(text: string, out: Span[]): void {
  const pair = /name\s*=\s*"([^"]*)"\s+value\s*=\s*"/gi;
  for (let m = pair.exec(text); m; m = pair.exec(text)) {
    const at = pair.lastIndex;
    if (!HAS_KEY.test(m[1]) || placeholder(text, at)) {
      pair.lastIndex = m.index + 4; // another name= may start inside this one's quotes
      continue;
    }
    const close = text.indexOf('"', at);
    if (close < 0) return;
    if (close === at) continue;
    out.push([at, close]);
    pair.lastIndex = close + 1;
  }
}

const SCHEME_CHAR = /[\w+.-]/;
const isLetter = (c: string | undefined) => c !== undefined && /[a-z]/i.test(c);

/** Whether the word before `://` at `i` is a scheme: it has a letter that starts it or follows one of + . - in it. */
function schemeBefore(text: string, i: number): boolean {
  let s = i;
  while (s > 0 && SCHEME_CHAR.test(text[s - 1])) s--;
  for (let p = s; p < i; p++) if (isLetter(text[p]) && (p === s || /[+.-]/.test(text[p - 1]))) return true;
  return false;
}

/** The end of a run of characters none of which is in `stop` (a regex of one character), from `at`. */
function runEnd(text: string, at: number, stop: RegExp): number {
  let i = at;
  while (i < text.length && !stop.test(text[i])) i++;
  return i;
}

/** `scheme://user:password@host`. */
function userInfo(text: string, out: Span[]): void {
  for (let i = text.indexOf('://'); i >= 0; i = text.indexOf('://', i + 1)) {
    if (!schemeBefore(text, i)) continue;
    const colon = runEnd(text, i + 3, /[:/@\s]/);
    if (colon === i + 3 || text[colon] !== ':') continue;
    const end = runEnd(text, colon + 1, /[@\s/]/);
    if (end === colon + 1 || text[end] !== '@') continue;
    out.push([colon + 1, end]);
    i = end;
  }
}

/** Oracle's `jdbc:oracle:thin:scott/tiger@host`. */
function oracle(text: string, out: Span[]): void {
  const prefix = /\bjdbc:oracle:\w+:[^/\s:@"'<>]+\//gi;
  for (let m = prefix.exec(text); m; m = prefix.exec(text)) {
    const at = prefix.lastIndex;
    const end = runEnd(text, at, /[@\s"'<>]/);
    if (end > at && text[end] === '@') out.push([at, end]);
    // a value with no @ before its end: the prefixes inside it have none either
    prefix.lastIndex = end;
  }
}

/** Whether a value holds Oracle's `scott/tiger@` with a password that is not a placeholder. */
export function oraclePassword(value: string): boolean {
  const prefix = /\bjdbc:oracle:\w+:[^/\s:@]+\//gi;
  for (let m = prefix.exec(value); m; m = prefix.exec(value)) {
    const at = prefix.lastIndex;
    if (placeholder(value, at)) continue; // a prefix inside the placeholder's value may still hold one
    const end = runEnd(value, at, /[@\s]/);
    if (end > at && value[end] === '@') return true;
    prefix.lastIndex = end;
  }
  return false;
}

/** Each scanner masks the text the one before it left, as the patterns did one after the other. */
export const SCANNERS: ((text: string, out: Span[]) => void)[] = [
  keyValue,
  keyQuoted,
  element,
  nameValue,
  userInfo,
  oracle,
];

export { KEY as SECRET_KEY };
