import { createTwoFilesPatch } from 'diff';
import { PaasportError } from '../../analyzers/errors.js';

const OUT_DEFAULT = /^([ \t]*)CATALINA_OUT="?\$CATALINA_BASE"?\/logs\/catalina\.out"?[ \t]*$/m;
const RUN_BRANCH = /^elif \[ "\$1" = "run" \]; then[ \t]*$/m;
const MARK = 'paasport:';

/** A catalina.sh as found, as patched, and the unified diff between them. */
export interface CatalinaPatch {
  original: string;
  patched: string;
  patch: string;
}

/**
 * The catalina.sh changes that put Tomcat's console output in ${LOG_DIR:-/logs}/${HOST}/catalina.out (the
 * folder setenv.sh, JULI and the access log use):
 * `start` redirects to CATALINA_OUT, whose default moves to the per-host folder; `run` (the container's
 * CMD) execs Java with no redirect, so its output goes through tee, into the file and on to stdout.
 * POSIX sh only (a FIFO, no bash process substitution): Debian's /bin/sh is dash.
 */
export function catalinaLogPatch(original: string, source = 'catalina.sh'): CatalinaPatch {
  if (original.includes(MARK)) throw new PaasportError(`${source}: this catalina.sh is already patched by paasport`);
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const out = OUT_DEFAULT.exec(original);
  if (!out)
    throw new PaasportError(
      `${source}: no CATALINA_OUT="$CATALINA_BASE"/logs/catalina.out default in this catalina.sh: is it Tomcat's own?`,
    );
  const run = RUN_BRANCH.exec(original);
  if (!run)
    throw new PaasportError(
      `${source}: no \`elif [ "$1" = "run" ]; then\` branch in this catalina.sh: is it Tomcat's own?`,
    );
  const i = out[1];
  const outBlock = [
    `${i}# ${MARK} console output goes to the per-host folder of the log volume`,
    `${i}CATALINA_OUT="\${LOG_DIR:-/logs}/\${HOST:-$(hostname)}"/catalina.out`,
    `${i}mkdir -p "\`dirname "$CATALINA_OUT"\`"`,
  ].join(eol);
  const runBlock = [
    '',
    `  # ${MARK} \`run\` execs Java without a redirect: copy its output to CATALINA_OUT and keep it on stdout`,
    '  if [ -n "$CATALINA_OUT" ] && mkdir -p "`dirname "$CATALINA_OUT"`" 2>/dev/null; then',
    '    _PAASPORT_FIFO="${CATALINA_TMPDIR:-/tmp}/catalina-out.$$"',
    '    rm -f "$_PAASPORT_FIFO" && mkfifo "$_PAASPORT_FIFO"',
    '    tee -a "$CATALINA_OUT" < "$_PAASPORT_FIFO" &',
    '    exec > "$_PAASPORT_FIFO" 2>&1',
    '    rm -f "$_PAASPORT_FIFO"',
    '  fi',
  ].join(eol);
  // edit the later anchor first so the earlier offset stays right
  const edits = [
    { at: run.index + run[0].length, remove: 0, text: runBlock },
    { at: out.index, remove: out[0].length, text: outBlock },
  ].sort((a, b) => b.at - a.at);
  let patched = original;
  for (const e of edits) patched = patched.slice(0, e.at) + e.text + patched.slice(e.at + e.remove);
  const patch = createTwoFilesPatch('a/bin/catalina.sh', 'b/bin/catalina.sh', original, patched, '', '', {
    context: 3,
  });
  return { original, patched, patch: patch.replace(/^=+\n/, '') };
}
