import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { PaasportError } from '../../analyzers/errors.js';

export interface BuildOptions {
  dockerfile: string; // inside the context, with /
  tag: string;
  buildArgs: Record<string, string>;
}

/** One line of the engine's build or push stream. */
interface StreamEvent {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
// the last lines the failing step printed go into the error: the compiler's or Ant's own message is there
const TAIL_LINES = 15;

/** Follows an engine stream to its end: every event to `onEvent`, the first error as the rejection. */
export function followStream(docker: Docker, stream: NodeJS.ReadableStream, onEvent: (e: StreamEvent) => void) {
  return new Promise<void>((resolve, reject) => {
    let failure: string | undefined;
    docker.modem.followProgress(
      stream,
      (err: Error | null) => {
        if (err) reject(err);
        else if (failure) reject(new Error(failure));
        else resolve();
      },
      (e: StreamEvent) => {
        if (e.error) failure ??= e.errorDetail?.message ?? e.error;
        onEvent(e);
      },
    );
  });
}

/**
 * Builds the image from a context tar with the engine's classic builder, which numbers its steps: each line of
 * output goes to `onLine` (`isStep` for a `Step N/M` line), and a failure names the step and what it said.
 */
export async function buildImage(
  docker: Docker,
  context: Readable,
  o: BuildOptions,
  onLine: (line: string, isStep: boolean) => void,
): Promise<void> {
  let step: string | undefined;
  let output: string[] = []; // what the current step printed
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(context, {
      dockerfile: o.dockerfile,
      t: o.tag,
      buildargs: o.buildArgs,
      rm: true,
      forcerm: true,
    });
  } catch (e) {
    throw new PaasportError(`build: the engine refused the build: ${(e as Error).message}`, 'failed');
  }
  try {
    await followStream(docker, stream, (e) => {
      for (const line of (e.stream ?? '').split('\n').filter((l) => l.trim())) {
        const m = STEP.exec(line);
        if (m) [step, output] = [`step ${m[1]}/${m[2]} (${m[3]})`, []];
        else if (!/^ ---> /.test(line)) output.push(line);
        onLine(line, !!m);
      }
    });
  } catch (e) {
    const where = step ? `build ${step}` : 'build';
    const tail = output.slice(-TAIL_LINES).join('\n');
    throw new PaasportError(
      `${where} failed: ${(e as Error).message.trim()}${tail ? `\nits last output:\n${tail}` : ''}`,
      'failed',
    );
  }
}
