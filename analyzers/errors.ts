/**
 * The one error type paasport raises on purpose: its message says what went wrong and what to do,
 * and its kind gives the exit code. Anything else that is thrown is a bug, shown with its stack.
 */
export type ErrorKind = 'usage' | 'failed';

export const EXIT_CODES: Record<ErrorKind, number> = {
  usage: 2, // wrong usage, unreadable input, invalid settings: the user can correct the call
  failed: 3, // the work was started and failed; whatever it changed was put back
};

export class PaasportError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind = 'usage',
  ) {
    super(message);
    this.name = 'PaasportError';
  }
}
