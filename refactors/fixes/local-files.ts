import { appEnvClass, appEnvLocation } from '../edit/app-env.js';
import { applyEdits, descendants, withTree, type TextEdit } from '../edit/java-source.js';
import { envName, replaceJavaLiterals } from '../edit/java-literals.js';
import { addEnv } from '../record.js';
import type { Fix, FixContext } from '../types.js';

function addVolume(ctx: FixContext, env: string, defaultPath: string, file: string, inWebapp = false): void {
  const prev = ctx.record.volumes.find((v) => v.env === env);
  if (prev) prev.usedBy = [...new Set([...prev.usedBy, file])];
  else ctx.record.volumes.push({ env, defaultPath, usedBy: [file] });
  addEnv(ctx.record, { name: env, ...(inWebapp ? {} : { value: defaultPath }), secret: false, usedBy: [file] });
}

/**
 * A call that gives a write directory, wrapped so that an environment variable can replace it:
 * getRealPath("/upload") → AppEnv.get("UPLOAD_DIR", getRealPath("/upload")); the deployment mounts a volume there.
 */
function wrapDirCall(
  ctx: FixContext,
  file: string,
  lines: number[],
  helper: string,
  method: string,
  nameOf: (arg: string) => string,
): number {
  const current = ctx.ws.read(file);
  if (!current) return 0;
  let count = 0;
  const edits = withTree(ctx.java, current.text, (root) => {
    const out: TextEdit[] = [];
    for (const call of descendants(root, ['method_invocation'])) {
      if (call.childForFieldName('name')?.text !== method || !lines.includes(call.startPosition.row + 1)) continue;
      if (call.parent?.parent?.text.startsWith(`${helper}.get(`)) continue;
      const arg = call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '"/files"';
      const name = nameOf(arg);
      out.push({ start: call.startIndex, end: call.endIndex, text: `${helper}.get("${name}", ${call.text})` });
      addVolume(ctx, name, `(webapp)${arg.replace(/"/g, '')}`, file, true);
      count++;
    }
    return out;
  });
  if (edits.length) ctx.ws.write(file, current, applyEdits(current.text, edits));
  return count;
}

export const localFilesFix: Fix = {
  kind: 'local-files',
  run(ctx) {
    const left: string[] = [];
    const helper = appEnvLocation(ctx);
    let changed = 0;
    const absolute = ctx.assessment.findings.filter((f) => f.ruleId === 'absolute-path');
    const realPath = ctx.assessment.findings.filter((f) => f.ruleId === 'real-path-write');
    const logPath = (f: { file: string; matched: { value?: string } }) =>
      ctx.project.config.fileAppenders.some((a) => a.file === f.file && a.path === f.matched.value);
    for (const f of absolute.filter((x) => !logPath(x))) {
      const facts = ctx.project.files.find((x) => x.file === f.file);
      if (facts?.kind === 'java' && helper && f.matched.value) {
        const replaced = replaceJavaLiterals(
          ctx,
          facts,
          [{ raw: f.matched.value, exact: true, secret: false, kind: 'DIR' }],
          helper.className,
        );
        for (const r of replaced) addVolume(ctx, r.name, r.value, f.file);
        changed += replaced.length;
      } else if (facts?.kind !== 'java') {
        left.push(
          `${f.file}:${f.line}: the absolute path ${f.matched.value} is read by the application's own code: make it configurable and mount it as a volume`,
        );
      }
    }
    const realPathFiles = new Map<string, number[]>();
    for (const f of realPath) realPathFiles.set(f.file, [...(realPathFiles.get(f.file) ?? []), f.line]);
    for (const [file, lines] of realPathFiles) {
      if (helper)
        changed += wrapDirCall(ctx, file, lines, helper.className, 'getRealPath', (arg) =>
          envName(arg.replace(/["/]/g, ' ').trim() || 'files', 'DIR'),
        );
    }
    for (const f of ctx.assessment.findings.filter((x) => x.ruleId === 'home-or-temp-data')) {
      const owner = ctx.project.files.find((x) => x.file === f.file);
      const cls = owner?.kind === 'java' ? (owner.types[0]?.name ?? 'APP') : 'APP';
      if (helper)
        changed += wrapDirCall(ctx, f.file, [f.line], helper.className, 'getProperty', () => envName(cls, 'DATA_DIR'));
    }
    for (const f of ctx.assessment.findings.filter((x) =>
      ['local-file-write', 'upload-to-local-disk'].includes(x.ruleId),
    )) {
      left.push(
        `${f.file}:${f.line}: writes a local file; check that its folder comes from a configured directory (a volume), not the container's own disk`,
      );
    }
    if (changed && helper && !ctx.ws.exists(helper.file)) ctx.ws.create(helper.file, appEnvClass(helper.pkg));
    const vols = ctx.record.volumes.map((v) => v.env);
    return {
      kind: 'local-files',
      message: `Read write directories from the environment\n\nHard-coded write directories and folders under getRealPath() now come from ${vols.join(', ')}, with the old path as the default, so the deployment can mount a volume there and files survive the container.`,
      left,
    };
  },
};
