// What a reviewer reads out of a generated Dockerfile and an Ant build file, as plain text functions.

/** A COPY that puts a folder of the build context into Tomcat's webapps/ as an exploded webapp. */
export interface WebappCopy {
  source: string;
  target: string;
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

function copyArgs(line: string): string[] | undefined {
  const m = /^(?:COPY|ADD)\s+(.*)$/i.exec(line);
  if (!m) return undefined;
  const words = m[1].trim().split(/\s+/);
  if (words.some((w) => w.startsWith('--from'))) return undefined;
  return words.filter((w) => !w.startsWith('--'));
}

/** The COPY instructions whose source is the exploded webapp: the destination is a folder under webapps/. */
export function webappCopies(dockerfile: string): WebappCopy[] {
  const out: WebappCopy[] = [];
  for (const line of instructions(dockerfile)) {
    const args = copyArgs(line);
    if (!args || args.length < 2) continue;
    const target = args[args.length - 1];
    if (!/(^|\/)webapps\/[^/]+\/$/.test(target)) continue;
    for (const source of args.slice(0, -1)) out.push({ source: source.replace(/\/$/, '') || '.', target });
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
