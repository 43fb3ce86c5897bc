import { createRequire } from 'node:module';
import type { RE2JS as RE2JSType } from 're2js';

const require = createRequire(import.meta.url);

/** What the conditions do with a rule regex: test a text, or find the first match and where it is. */
export interface Pattern {
  test(text: string): boolean;
  exec(text: string): { index: number; 0: string } | null;
}

/** Compiles a rule regex; a leading (?i) makes it case-insensitive. */
export function compileRegex(src: string): RegExp {
  return src.startsWith('(?i)') ? new RegExp(src.slice(4), 'i') : new RegExp(src);
}

/**
 * Compiles the regex of a user's rule on a linear-time engine (RE2 syntax): `^(a+)+$` on a long line of a's would
 * backtrack for ever in JavaScript's engine. RE2 has no lookaround and no backreference; those are refused.
 */
export function compileLinearRegex(src: string): Pattern {
  // the linear-time engine is loaded only when a user's rules are
  const { RE2JS } = require('re2js') as { RE2JS: typeof RE2JSType };
  let re: RE2JSType;
  try {
    re = RE2JS.compile(src);
  } catch (e) {
    throw new Error(
      `${(e as Error).message}. The regexes of your own rules run on a linear-time engine (RE2 syntax), which has no ` +
        'lookaround and no backreference: use the notRegex/notValue fields of the condition instead',
      { cause: e },
    );
  }
  return {
    test: (text) => re.test(text),
    exec: (text) => {
      const m = re.matcher(text);
      return m.find() ? { index: m.start(), 0: m.group() ?? '' } : null;
    },
  };
}
