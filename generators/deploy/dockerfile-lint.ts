import { DockerfileParser, JSONInstruction, type From } from 'dockerfile-ast';

export interface LintFinding {
  rule: string; // hadolint's id
  line: number;
  message: string;
}

/**
 * The hadolint rules every generated Dockerfile must pass: DL3000, DL3002, DL3006, DL3007, DL3020,
 * DL3025, DL4000, DL4006. Checked on the parsed Dockerfile.
 */
export function lintDockerfile(text: string): LintFinding[] {
  const df = DockerfileParser.parse(text);
  const out: LintFinding[] = [];
  const stages = new Set<string>();
  let pipefail = false;
  let lastUser: { name: string; line: number } | undefined;
  for (const ins of df.getInstructions()) {
    const kw = ins.getKeyword();
    const line = ins.getRange().start.line + 1;
    const args = ins.getArguments().map((a) => a.getValue());
    switch (kw) {
      case 'FROM': {
        const from = ins as From;
        const image = from.getImageName() ?? '';
        const tag = from.getImageTag();
        if (!stages.has(image) && image !== 'scratch' && !tag && !from.getImageDigest())
          out.push({ rule: 'DL3006', line, message: `always tag the image: ${image}` });
        if (tag === 'latest') out.push({ rule: 'DL3007', line, message: 'do not use the latest tag' });
        const stage = from.getBuildStage();
        if (stage) stages.add(stage);
        lastUser = undefined; // USER is per stage
        break;
      }
      case 'WORKDIR':
        if (args[0] && !/^(\/|\$|[A-Za-z]:\\)/.test(args[0].replace(/^["']/, '')))
          out.push({ rule: 'DL3000', line, message: `use an absolute WORKDIR: ${args[0]}` });
        break;
      case 'USER':
        lastUser = { name: args[0] ?? '', line };
        break;
      case 'ADD': {
        const sources = args.filter((a) => !a.startsWith('--')).slice(0, -1);
        if (sources.some((s) => !/^https?:\/\//.test(s) && !/\.(tar|tar\.\w+|tgz|tbz2?|txz)$/.test(s)))
          out.push({ rule: 'DL3020', line, message: 'use COPY instead of ADD for files and folders' });
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT':
        if (!(ins instanceof JSONInstruction) || !ins.getOpeningBracket())
          out.push({ rule: 'DL3025', line, message: `use the JSON form for ${kw}` });
        break;
      case 'MAINTAINER':
        out.push({ rule: 'DL4000', line, message: 'MAINTAINER is deprecated: use a LABEL' });
        break;
      case 'SHELL':
        pipefail = /pipefail/.test(ins.getArgumentsContent() ?? '');
        break;
      case 'RUN':
        if (!pipefail && /(^|[^|])\|(?!\|)/.test(ins.getArgumentsContent() ?? ''))
          out.push({ rule: 'DL4006', line, message: 'set -o pipefail (SHELL) before a RUN with a pipe' });
        break;
    }
  }
  if (lastUser && /^(root|0)(:|$)/.test(lastUser.name))
    out.push({ rule: 'DL3002', line: lastUser.line, message: 'the last USER should not be root' });
  if (!lastUser) out.push({ rule: 'DL3002', line: 1, message: 'no USER: the container would run as root' });
  return out;
}
