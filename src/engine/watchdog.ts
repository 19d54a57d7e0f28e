import { LimitExceeded, type Limits, type SourceLocation } from '../model/index.js';

/**
 * The work's result, or `onTimeout`'s once `limits.secondsPerFile` have passed: the file is
 * abandoned (its parser may still finish in the background; its result is dropped) and the run
 * goes on. For loads, which parse in large synchronous steps a clock check cannot interrupt.
 */
export async function withinFileTime<T>(work: Promise<T>, limits: Limits, onTimeout: (e: LimitExceeded) => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout(new LimitExceeded('secondsPerFile', limits.secondsPerFile))), limits.secondsPerFile * 1000);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a limit was hit, as a finding's location. */
export function limitLocation(file: string, e: LimitExceeded): SourceLocation {
  return { file, ...e.where };
}
