import type { Finding } from '../../analyzers/types.js';
import { appEnvClass, appEnvLocation, type HelperLocation } from '../edit/app-env.js';
import { envName } from '../edit/env-names.js';
import { replaceJavaLiterals } from '../edit/java-literals.js';
import { callAt, withTree } from '../edit/java-source.js';
import type { TextEdit } from '../edit/text-edit.js';
import { addEnv } from '../record.js';
import type { Fix, FixContext } from '../types.js';
import { byFile } from './by-file.js';

/** One run of the fix: what every step shares. */
interface Run {
  ctx: FixContext;
  helper?: HelperLocation;
  left: string[];
  changed: number;
}

/** A step of the fix: the rules whose findings it handles, and how. */
interface Step {
  rules: string[];
  handle(run: Run, findings: Finding[]): void;
}

function addVolume(ctx: FixContext, env: string, defaultPath: string, file: string, inWebapp = false): void {
  const prev = ctx.record.volumes.find((v) => v.env === env);
  if (prev) prev.usedBy = [...new Set([...prev.usedBy, file])];
  else ctx.record.volumes.push({ env, defaultPath, usedBy: [file] });
  addEnv(ctx.record, { name: env, ...(inWebapp ? {} : { value: defaultPath }), secret: false, usedBy: [file] });
}

/** Absolute paths in Java become AppEnv.get("X_DIR", "/old/path"); elsewhere they are left for a person. */
function absolutePaths(run: Run, findings: Finding[]): void {
  const { ctx, helper } = run;
  const logPath = (f: Finding) =>
    ctx.project.config.fileAppenders.some((a) => a.file === f.file && a.path === f.matched.value);
  for (const f of findings.filter((x) => !logPath(x))) {
    const facts = ctx.project.files.find((x) => x.file === f.file);
    if (facts?.kind === 'java' && helper && f.matched.value) {
      const target = { at: f, raw: f.matched.value, exact: true, secret: false, kind: 'DIR' };
      const replaced = replaceJavaLiterals(ctx, facts, [target], helper.className, run.left);
      for (const r of replaced) addVolume(ctx, r.name, r.value, f.file);
      run.changed += replaced.length;
    } else if (facts?.kind !== 'java') {
      run.left.push(
        `${f.file}:${f.line}: the absolute path ${f.matched.value} is read by the application's own code: make it configurable and mount it as a volume`,
      );
    }
  }
}

/**
 * Calls that give a write directory, wrapped so that an environment variable can replace them:
 * getRealPath("/upload") → AppEnv.get("UPLOAD_DIR", getRealPath("/upload")); the deployment mounts a volume there.
 * The calls are those the findings point at.
 */
function wrapDirCalls(
  run: Run,
  findings: Finding[],
  method: string,
  nameOf: (arg: string, file: string) => string,
): void {
  const { ctx, helper } = run;
  if (!helper) return;
  for (const [file, found] of byFile(findings)) {
    const current = ctx.ws.read(file);
    if (!current) continue;
    const edits = withTree(ctx.java, current.text, (root) => {
      const out: TextEdit[] = [];
      for (const offset of found.map((f) => ctx.ws.locate(file, f))) {
        const call = offset === undefined ? undefined : callAt(root, offset);
        if (!call || call.childForFieldName('name')?.text !== method || out.some((e) => e.start === call.startIndex))
          continue;
        if (call.parent?.parent?.text.startsWith(`${helper.className}.get(`)) continue;
        const arg = call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '"/files"';
        const name = nameOf(arg, file);
        out.push({
          start: call.startIndex,
          end: call.endIndex,
          text: `${helper.className}.get("${name}", ${call.text})`,
        });
        addVolume(ctx, name, `(webapp)${arg.replace(/"/g, '')}`, file, true);
      }
      return out;
    });
    ctx.ws.edit(file, current, edits);
    run.changed += edits.length;
  }
}

/** The class a file declares first, for naming its data directory. */
function classOf(ctx: FixContext, file: string): string {
  const owner = ctx.project.files.find((x) => x.file === file);
  return owner?.kind === 'java' ? (owner.types[0]?.name ?? 'APP') : 'APP';
}

// In the order they run; the fix resolves the rules of every step.
const STEPS: Step[] = [
  { rules: ['absolute-path'], handle: absolutePaths },
  {
    rules: ['real-path-write'],
    handle: (run, findings) =>
      wrapDirCalls(run, findings, 'getRealPath', (arg) => envName(arg.replace(/["/]/g, ' ').trim() || 'files', 'DIR')),
  },
  {
    rules: ['home-or-temp-data'],
    handle: (run, findings) =>
      wrapDirCalls(run, findings, 'getProperty', (_arg, file) => envName(classOf(run.ctx, file), 'DATA_DIR')),
  },
  {
    rules: ['local-file-write', 'upload-to-local-disk'],
    handle: (run, findings) => {
      for (const f of findings)
        run.left.push(
          `${f.file}:${f.line}: writes a local file; check that its folder comes from a configured directory (a volume), not the container's own disk`,
        );
    },
  },
];

export const localFilesFix: Fix = {
  kind: 'local-files',
  options: [],
  resolves: STEPS.flatMap((s) => s.rules),
  run(ctx) {
    const run: Run = { ctx, helper: appEnvLocation(ctx), left: [], changed: 0 };
    for (const step of STEPS)
      step.handle(
        run,
        ctx.findings.filter((f) => step.rules.includes(f.ruleId)),
      );
    if (run.changed && run.helper && !ctx.ws.exists(run.helper.file))
      ctx.ws.create(run.helper.file, appEnvClass(run.helper.pkg));
    const vols = ctx.record.volumes.map((v) => v.env);
    return {
      kind: 'local-files',
      message: `Read write directories from the environment\n\nHard-coded write directories and folders under getRealPath() now come from ${vols.join(', ')}, with the old path as the default, so the deployment can mount a volume there and files survive the container.`,
      left: run.left,
    };
  },
};
