import { Command, InvalidArgumentError, Option } from 'commander';

export interface MarathonFlags {
  marathon: string;
  credentialsFile?: string;
  timeout: number; // seconds
  pollInterval: number; // seconds
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0.');
  return n;
}

/** The options every command that talks to Marathon takes. */
export function withMarathonOptions(c: Command): Command {
  return c
    .addOption(
      new Option('--marathon <masters>', 'Marathon masters: URL[,URL...] or zk://HOST:PORT[,HOST:PORT]/PATH')
        .env('MARATHON_URL')
        .makeOptionMandatory(),
    )
    .option('--credentials-file <file>', 'MARATHON_TOKEN, or MARATHON_USER and MARATHON_PASSWORD, as KEY=VALUE lines')
    .option(
      '--timeout <seconds>',
      'how long to wait for a deployment (and, up to 120 s, for a master to answer)',
      seconds,
      600,
    )
    .option('--poll-interval <seconds>', 'how often to ask Marathon how a deployment goes', seconds, 2);
}

export const MARATHON_HELP = `
Masters: --marathon takes one URL or several separated by commas (a master that cannot be reached or
answers 503 hands over to the next; any master answers, as Marathon's non-leaders pass requests to
the leader), or zk://HOST:PORT[,HOST:PORT]/PATH to ask ZooKeeper for the leader as Marathon registers
it (PATH/leader-curator, else PATH/leader), again after a leader change. MARATHON_URL is the default.
Credentials: MARATHON_TOKEN (sent as "Authorization: token=..."), else MARATHON_USER and
MARATHON_PASSWORD (basic authentication), from the environment or from --credentials-file (KEY=VALUE
lines, readable by its owner only: chmod 600). They are never printed.`;
