import iconv from 'iconv-lite';

/** Byte order marks of the Unicode encodings a descriptor may be saved in; UTF-32 first (its LE mark starts like UTF-16's). */
const BOMS: [number[], string][] = [
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/**
 * A descriptor's text. UTF-16 and UTF-32 files (Windows editors save them so) are recognised by
 * their byte order mark and decoded, mark removed; anything else is read as UTF-8, a UTF-8 BOM
 * kept (the parsers skip it and count it in columns).
 */
export function decodeDescriptor(bytes: Buffer): string {
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  return bom ? iconv.decode(bytes, bom[1]) : bytes.toString('utf8');
}
