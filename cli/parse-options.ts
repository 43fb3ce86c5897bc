import { InvalidArgumentError } from 'commander';

/** A number greater than zero (sizes, CPU shares, memory). */
export function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/** A whole number from 1 to max (threads, instances, ports). */
export const positiveInteger =
  (max?: number) =>
  (v: string): number => {
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1 && (max === undefined || n <= max)) return n;
    throw new InvalidArgumentError(
      `expected a whole number ${max === undefined ? 'of 1 or more' : `from 1 to ${max}`}.`,
    );
  };
