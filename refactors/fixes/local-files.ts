import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../analyzers/types.js';
import { appEnvLocation, appEnvText, type HelperLocation } from '../edit/app-env.js';
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

// a path whose last part has an extension (flow.zip, applicationContext.xml) names a file, not a folder to mount
const FILE_PATH = /[^/\\]\.[A-Za-z][A-Za-z0-9]{0,4}$/;

/**
 * Absolute paths in Java become AppEnv.get("X_DIR", "/old/path"); elsewhere they are left for a person, and so are
 * file paths and paths tried in turn (a loop over drives: one variable per meaning, not INIT_DIR_2, INIT_DIR_3, ...).
 */
function absolutePaths(run: Run, findings: Finding[]): void {
  const { ctx, helper } = run;
  const logPath = (f: Finding) =>
    ctx.project.config.fileAppenders.some((a) => a.file === f.file && a.path === f.matched.value);
  for (const f of findings.filter((x) => !logPath(x))) {
    const facts = ctx.project.files.find((x) => x.file === f.file);
    if (facts?.kind === 'java' && f.matched.value && /^[A-Za-z]:[\\/]*$/.test(f.matched.value)) {
      run.left.push(`${f.file}:${f.line}: a whole drive, not a folder to mount: choose one`);
    } else if (facts?.kind === 'java' && f.matched.value && FILE_PATH.test(f.matched.value)) {
      run.left.push(
        `${f.file}:${f.line}: a file path, not a folder: if the application writes it, read its folder from the environment and mount a volume there`,
      );
    } else if (facts?.kind === 'java' && helper && f.matched.value) {
      const target = { at: f, raw: f.matched.value, exact: true, secret: false, kind: 'DIR', onePerName: true };
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

/** How a call that gives a write directory is replaced: the variable, and whether files under it were served. */
interface DirCall {
  method: string;
  nameOf: (arg: string, file: string) => string;
  inWebapp: boolean; // getRealPath: the folder was inside the webapp, where URLs may serve its files
}

/**
 * The call wrapped: AppEnv.get("UPLOAD_DIR", getRealPath("/upload")). When the code appends to it
 * (getRealPath("/") + basePath) or asked for a trailing separator, AppEnv.dir, which ends the folder with one:
 * FILES_DIR=/data/files must not give /data/filesupload/.
 */
function wrapCall(run: Run, call: Node, file: string, how: DirCall): TextEdit {
  const helper = run.helper!.className;
  const arg = call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '"/files"';
  const name = how.nameOf(arg, file);
  const parent = call.parent;
  const appended = parent?.type === 'binary_expression' && parent.childForFieldName('left')?.equals(call) === true;
  const method = appended || /\/"$/.test(arg) ? 'dir' : 'get';
  const isNew = !run.ctx.record.volumes.some((v) => v.env === name);
  addVolume(run.ctx, name, `(webapp)${arg.replace(/"/g, '')}`, file, true);
  if (how.inWebapp && isNew)
    run.left.push(
      `${file}: files written under ${name} are no longer inside the webapp: URLs that served them from it need a mapping to the volume (Tomcat's <PreResources> or aliases, or a servlet that reads ${name})`,
    );
  return { start: call.startIndex, end: call.endIndex, text: `${helper}.${method}("${name}", ${call.text})` };
}

/** The helper call a node is an argument of, if any: a call already wrapped. */
const wrapped = (call: Node, helper: string) =>
  call.parent?.type === 'argument_list' && call.parent.parent?.text.startsWith(`${helper}.`) === true;

/**
 * Calls that give a write directory, wrapped so that an environment variable can replace them (see wrapCall); the
 * deployment mounts a volume there. The calls are those the findings point at.
 */
function wrapDirCalls(run: Run, findings: Finding[], how: DirCall): void {
  const { ctx, helper } = run;
  if (!helper) return;
  for (const [file, found] of byFile(findings)) {
    const current = ctx.ws.read(file);
    if (!current) continue;
    const edits = withTree(ctx.java, current.text, (root) => {
      const out: TextEdit[] = [];
      for (const offset of found.map((f) => ctx.ws.locate(file, f))) {
        const call = offset === undefined ? undefined : callAt(root, offset);
        if (!call || call.childForFieldName('name')?.text !== how.method) continue;
        if (out.some((e) => e.start === call.startIndex) || wrapped(call, helper.className)) continue;
        out.push(wrapCall(run, call, file, how));
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
      wrapDirCalls(run, findings, {
        method: 'getRealPath',
        nameOf: (arg) => envName(arg.replace(/["/]/g, ' ').trim() || 'files', 'DIR'),
        inWebapp: true,
      }),
  },
  {
    rules: ['home-or-temp-data'],
    handle: (run, findings) => {
      const inJava = (f: Finding) => run.ctx.project.files.find((x) => x.file === f.file)?.kind === 'java';
      wrapDirCalls(run, findings.filter(inJava), {
        method: 'getProperty',
        nameOf: (_arg, file) => envName(classOf(run.ctx, file), 'DATA_DIR'),
        inWebapp: false,
      });
      // a folder setting of a configuration file: the code that reads it decides where the files go
      for (const f of findings.filter((x) => !inJava(x)))
        run.left.push(
          `${f.file}:${f.line}: a data folder under ${f.matched.value}: set it from the environment and mount a volume there`,
        );
    },
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
      ctx.ws.create(run.helper.file, appEnvText(run.helper));
    const vols = ctx.record.volumes.map((v) => v.env);
    return {
      kind: 'local-files',
      message: `Read write directories from the environment\n\nHard-coded write directories and folders under getRealPath() now come from ${vols.join(', ')}, with the old path as the default, so the deployment can mount a volume there and files survive the container.`,
      left: run.left,
    };
  },
};
