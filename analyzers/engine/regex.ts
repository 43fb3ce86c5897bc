/** Compiles a rule regex; a leading (?i) makes it case-insensitive. */
export function compileRegex(src: string): RegExp {
  return src.startsWith('(?i)') ? new RegExp(src.slice(4), 'i') : new RegExp(src);
}
