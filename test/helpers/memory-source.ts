/** A file's bytes as the CSV reader's source, handed out in chunks of `chunk` bytes (characters and quotes cut between chunks). */
import type { ByteSource } from '../../src/readers/csv.js';

export function memorySource(bytes: Buffer, chunk: number): ByteSource {
  return {
    head: async (n) => bytes.subarray(0, n),
    stream: (start) => {
      const it = (async function* () {
        for (let i = start; i < bytes.length; i += chunk) yield bytes.subarray(i, Math.min(bytes.length, i + chunk));
      })();
      return Object.assign(it, { destroy: () => {} });
    },
  };
}
