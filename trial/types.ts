// What one check of the trial found on one app.
export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
}

export interface AppTrial {
  app: string;
  source: string;
  checks: CheckResult[];
}

/** A finished child process: its exit code (null when it was killed) and its output. */
export interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}
