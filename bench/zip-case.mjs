/**
 * The ZIP case of `npm run bench`: the bench CSV deflated into a ZIP archive (written once, by
 * streaming: a data descriptor after the entry, so nothing is held in memory), then linted with
 * the same rules as the plain file. The difference is the cost of inflating the entry as it is
 * read (src/readers/zip.ts never extracts to disk).
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import zlib from 'node:zlib';

/** Writes `csv` as the only entry of `zipFile` (deflate, level 6, sizes in a data descriptor). */
async function writeZip(csv, zipFile) {
  const out = createWriteStream(zipFile);
  const write = async (buf) => {
    if (!out.write(buf)) await once(out, 'drain');
  };
  const name = Buffer.from(path.basename(csv));
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0808, 6); // data descriptor follows, UTF-8 name
  header.writeUInt16LE(8, 8);
  header.writeUInt16LE(name.length, 26);
  await write(Buffer.concat([header, name]));
  let crc = 0;
  let size = 0;
  let compressed = 0;
  const deflate = zlib.createDeflateRaw({ level: 6 });
  const input = createReadStream(csv);
  input.on('data', (chunk) => {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
  });
  input.pipe(deflate);
  for await (const chunk of deflate) {
    compressed += chunk.length;
    await write(chunk);
  }
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc >>> 0, 4);
  descriptor.writeUInt32LE(compressed, 8);
  descriptor.writeUInt32LE(size, 12);
  await write(descriptor);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0808, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(compressed, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + compressed + 16, 16);
  await write(Buffer.concat([central, name, end]));
  out.end();
  await once(out, 'finish');
}

/** The archive of the bench CSV (made when missing or older than the CSV). */
export async function benchZip(csv) {
  const zipFile = `${csv}.zip`;
  if (!existsSync(zipFile) || statSync(zipFile).mtimeMs < statSync(csv).mtimeMs) {
    process.stdout.write(`zipping ${path.basename(csv)}... `);
    await writeZip(csv, zipFile);
    console.log('done');
  }
  return zipFile;
}
