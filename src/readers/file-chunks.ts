/**
 * A file's bytes in chunks, read into buffers used again while the consumer keeps no chunk.
 *
 * `createReadStream` reads each chunk into a fresh buffer: for 256 KiB chunks that memory comes
 * back from the allocator unmapped, and the kernel faults and zeroes every page of it again — for
 * the 200 MB bench file ~0.05 s of CPU (most of it system time) that reading into the same two
 * buffers does not pay (a harness: 110–119 ms against 63–68 ms for the whole file).
 */
import { open, type FileHandle } from 'node:fs/promises';

/** Chunks of a file, as `createReadStream` gives them, and a way to stop early (closes the file). */
export type FileChunks = AsyncIterable<Buffer> & { destroy(): void };

interface Pending {
  read: Promise<number>;
  buffer: Buffer;
}

/**
 * The bytes of `file` from `start` on, in chunks of `size` bytes (the last one shorter), exactly
 * those `createReadStream(file, { start, highWaterMark: size })` gives. One read runs ahead.
 * `recycle()` is asked when a chunk is handed out: true means the consumer kept nothing of the
 * chunks it was handed before (no view, no reference into their memory), so the buffer of the
 * chunk before this one takes the next read. Once it answers false it must never answer true
 * again: a chunk handed out after that may be kept, and its buffer is never read into again.
 */
export function fileChunks(file: string, start: number, size: number, recycle: () => boolean = () => false): FileChunks {
  const chunks = readChunks(file, start, size, recycle);
  return Object.assign(chunks, {
    destroy: () => {
      // Finishes the generator where it waits (its `finally` closes the file); a no-op once done.
      void chunks.return(undefined).catch(() => {});
    },
  });
}

async function* readChunks(file: string, start: number, size: number, recycle: () => boolean): AsyncGenerator<Buffer, void, undefined> {
  const handle = await open(file, 'r');
  let next: Pending | undefined;
  try {
    let position = start;
    next = readInto(handle, Buffer.allocUnsafeSlow(size), position);
    /** The buffer of the chunk handed out last: free once the consumer asks for the next one. */
    let handed: Buffer | undefined;
    for (;;) {
      const { read, buffer } = next;
      const bytes = await read;
      next = undefined;
      if (bytes === 0) return;
      position += bytes;
      // The read ahead goes into the buffer of the chunk before, which the consumer is done with.
      const target = handed !== undefined && recycle() ? handed : Buffer.allocUnsafeSlow(size);
      next = readInto(handle, target, position);
      handed = buffer;
      // Always a new view: consumers tell chunks apart by identity (the stray-quote scanner does).
      yield buffer.subarray(0, bytes);
    }
  } finally {
    // A read still running when the consumer stops: the file is closed once it is done.
    if (next) await next.read.catch(() => 0);
    await handle.close();
  }
}

/** One read of up to `buffer.length` bytes at `position` (as the stream makes: short only at the end of a regular file). */
function readInto(handle: FileHandle, buffer: Buffer, position: number): Pending {
  const read = handle.read(buffer, 0, buffer.length, position).then((r) => r.bytesRead);
  // Rejections are seen where it is awaited; one never awaited (the consumer stopped) is not unhandled.
  read.catch(() => {});
  return { read, buffer };
}
