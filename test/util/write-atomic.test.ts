import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOutput } from '../../src/util/write-atomic.js';

describe('outputs written piece by piece', () => {
  it('hold exactly the bytes of the chunks, whatever their sizes and characters', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'write-atomic-')), 'report.jsonl');
    const chunks: (string | Buffer)[] = [];
    // Lines of every width up to past the 1 MiB buffer, multi-byte text (é: 2 bytes, 漢: 3, 😀: 4
    // for two UTF-16 units), and raw bytes (the cache copies entries as they are).
    const texts = ['{"a":1}\n', 'é'.repeat(3_000), '漢字'.repeat(50_000), '😀'.repeat(70_000), 'x'.repeat(1_048_575), 'y'.repeat(1_048_577)];
    for (let i = 0; i < 400; i++) chunks.push(texts[i % texts.length]!.slice(0, 1 + ((i * 7919) % 400_000)) + '\n');
    chunks.push(Buffer.from('raw bytes\n'), Buffer.alloc(1_200_000, 0x61), '漢'.repeat(349_525), '漢'.repeat(349_526), 'end\n');
    const sink = openOutput(file);
    for (const c of chunks) sink.write(c);
    sink.commit();
    const expected = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
    const written = readFileSync(file);
    expect(written.length).toBe(expected.length);
    expect(written.equals(expected)).toBe(true);
  });
});
