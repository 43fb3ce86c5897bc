// What a reviewer reads out of a generated Dockerfile and an Ant build file, as plain text functions.

/** A COPY that puts a folder of the build context into Tomcat's webapps/ as an exploded webapp. */
export interface WebappCopy {
  source: string;
  target: string;
  stage?: string; // copied from this build stage, which holds the build context and may have built the folder
}

/** An Ant run of the Dockerfile: the build file it names (build.xml unless -f says otherwise) and its targets. */
export interface AntRun {
  buildFile: string;
  targets: string[];
}

/** The Dockerfile's instructions, continuation lines joined and comments left out. */
export function instructions(dockerfile: string): string[] {
  const joined = dockerfile.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function copyWords(line: string): string[] | undefined {
  const m = /^(?:COPY|ADD)\s+(.*)$/i.exec(line);
  return m ? m[1].trim().split(/\s+/) : undefined;
}

/**
 * Where each build stage copied the whole build context (`WORKDIR /build` then `COPY . .`): a later
 * `COPY --from=stage /build/webapp ...` then copies the context's `webapp` folder, compiled in that stage.
 */
function contextCopies(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let stage: string | undefined;
  let workdir = '/';
  for (const line of lines) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) [stage, workdir] = [from[1], '/'];
    const dir = /^WORKDIR\s+(\S+)/i.exec(line);
    if (dir) workdir = dir[1].startsWith('/') ? dir[1] : `${workdir.replace(/\/$/, '')}/${dir[1]}`;
    const words = copyWords(line);
    if (stage && words && !words.some((w) => w.startsWith('--')) && words.join(' ') === '. .') out.set(stage, workdir);
  }
  return out;
}

/** A COPY's source folders, as paths of the build context; a copy from a stage that holds the context counts. */
function copySources(words: string[], stages: Map<string, string>, from: string | undefined): string[] | undefined {
  const paths = words.filter((w) => !w.startsWith('--')).slice(0, -1);
  if (from === undefined) return paths;
  const root = stages.get(from)?.replace(/\/$/, '');
  if (root === undefined) return undefined;
  const inContext = paths.filter((p) => p === root || p.startsWith(`${root}/`));
  return inContext.length === paths.length ? inContext.map((p) => p.slice(root.length + 1) || '.') : undefined;
}

/** The COPY instructions whose source is the exploded webapp: the destination is a folder under webapps/. */
export function webappCopies(dockerfile: string): WebappCopy[] {
  const out: WebappCopy[] = [];
  const lines = instructions(dockerfile);
  const stages = contextCopies(lines);
  for (const line of lines) {
    const words = copyWords(line);
    if (!words || words.length < 2) continue;
    const target = words[words.length - 1];
    if (!/(^|\/)webapps\/[^/]+\/$/.test(target)) continue;
    const stage = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    for (const source of copySources(words, stages, stage) ?? [])
      out.push({ source: source.replace(/\/$/, '') || '.', target, ...(stage ? { stage } : {}) });
  }
  return out;
}

function antRun(words: string[]): AntRun {
  const targets: string[] = [];
  let buildFile = 'build.xml';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-f' || w === '-buildfile' || w === '-file') buildFile = words[++i] ?? buildFile;
    else if (w === '-lib' || w === '-logfile' || w === '-l' || w === '-propertyfile') i++;
    else if (!w.startsWith('-')) targets.push(w);
  }
  return { buildFile, targets };
}

/** Every `ant` command the Dockerfile runs, with the build file and targets it names. */
export function antRuns(dockerfile: string): AntRun[] {
  const out: AntRun[] = [];
  for (const line of instructions(dockerfile)) {
    if (!/^RUN\s/i.test(line)) continue;
    for (const command of line.replace(/^RUN\s+/i, '').split(/&&|;|\|\|/)) {
      const words = command.trim().split(/\s+/);
      if (words[0] === 'ant') out.push(antRun(words.slice(1)));
    }
  }
  return out;
}

/** The names of the targets an Ant build file declares (comments left out). */
export function antTargets(buildXml: string): string[] {
  const text = buildXml.replace(/<!--[\s\S]*?-->/g, '');
  const names: string[] = [];
  for (const m of text.matchAll(/<target\b[^>]*?\bname\s*=\s*(["'])(.*?)\1/g)) names.push(m[2]);
  return names;
}
