#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT_CODES, PaasportError } from '../analyzers/errors.js';
import { enableStageTimes, stageTimesEnabled, stageTimesTable } from '../analyzers/stage-times.js';
import { assessCommand } from './assess-command.js';
import { batchCommand, mergeCommand } from './batch-command.js';
import { buildCommand } from './build-command.js';
import { deployCommand } from './deploy-command.js';
import { fixCommand } from './fix-command.js';
import { generateCommand } from './generate-command.js';
import { previewCommand } from './preview-command.js';
import { rollbackCommand } from './rollback-command.js';
import { rulesCommand } from './rules-command.js';
import { statusCommand } from './status-command.js';
import { packageVersion } from './version.js';

// `paasport assess . | head` closes the pipe early: that is not an error. Any other failure to write (a full disk,
// /dev/full) is a failed run, never exit 1, which is what --fail-on answers.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`paasport: cannot write to standard output: ${e.code ?? e.message}\n`);
  process.exit(EXIT_CODES.failed);
});

// what it took to start Node and load paasport's own modules, before any command ran
const startup = performance.now();
if (process.env.PAASPORT_PROFILE === '1') enableStageTimes();

const program = new Command('paasport')
  .description(
    'Moves legacy Java/Tomcat web applications onto a Docker PaaS (Mesos + Marathon + marathon-lb): assess them for stateless containers, fix what keeps them stateful, and generate what deploys them.',
  )
  .version(packageVersion())
  .configureOutput({ outputError: (s, write) => write(s) })
  .addCommand(assessCommand())
  .addCommand(fixCommand())
  .addCommand(generateCommand())
  .addCommand(buildCommand())
  .addCommand(previewCommand())
  .addCommand(deployCommand())
  .addCommand(statusCommand())
  .addCommand(rollbackCommand())
  .addCommand(rulesCommand())
  .addCommand(batchCommand())
  .addCommand(mergeCommand())
  .showHelpAfterError('(run with --help for usage)');

// usage errors anywhere in the command tree exit 2, not commander's default 1
const overrideAll = (c: Command): void => {
  c.exitOverride();
  c.commands.forEach(overrideAll);
};
overrideAll(program);

// commander answers `paasport nosuch --help` with the main help and exit 0: an unknown command is a usage error first
const first = process.argv[2];
const known = new Set(['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])]);

try {
  if (first !== undefined && !first.startsWith('-') && !known.has(first)) {
    process.stderr.write(`error: unknown command '${first}'\n(run with --help for usage)\n`);
    process.exitCode = EXIT_CODES.usage;
  } else await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_CODES.usage;
  } else if (e instanceof PaasportError) {
    process.stderr.write(`paasport: ${e.message}\n`);
    process.exitCode = EXIT_CODES[e.kind];
  } else {
    process.stderr.write(`paasport: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 3;
  }
}
if (stageTimesEnabled()) process.stderr.write(stageTimesTable(startup));
