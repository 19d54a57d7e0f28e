/**
 * Streams one XML part of a ZIP package (a worksheet, content.xml) through saxes: events with
 * local names (prefixes dropped: generators choose them freely, `x:c` is `c`). saxes expands no
 * entity a document declares (no "billion laughs") and reads chunk by chunk, in constant memory.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { LimitExceeded, type FileClock } from '../model/index.js';
import { DataFileError } from './types.js';
import type { ZipPackage } from './zip-package.js';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** The local part of a qualified name: `table:table-cell` → `table-cell`. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Attributes by local name. */
function localAttributes(attributes: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in attributes) out[localName(key)] = attributes[key]!;
  return out;
}

export async function streamXml(zip: ZipPackage, entry: string, handlers: XmlHandlers, clock?: FileClock): Promise<void> {
  const parser = new SaxesParser({ position: false });
  let failure: Error | undefined;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), localAttributes(tag.attributes as Record<string, string>), tag.isSelfClosing));
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    parser.on('text', (t) => handlers.text!(t));
    parser.on('cdata', (t) => handlers.text!(t));
  }
  const decoder = new StringDecoder('utf8');
  const fail = (err: Error) => new DataFileError(`${entry} is not well-formed XML: ${err.message}`);
  for await (const chunk of zip.chunks(entry, clock)) {
    try {
      parser.write(decoder.write(chunk));
    } catch (err) {
      if (err instanceof LimitExceeded || err instanceof DataFileError) throw err;
      throw fail(err as Error);
    }
    if (failure) throw fail(failure);
  }
  parser.write(decoder.end());
  parser.close();
  if (failure) throw fail(failure);
}
