/**
 * A minimal, strict XML reader for tests (no regular expressions): elements, attributes in
 * double quotes, text, the five predefined entities. Throws on anything malformed, so a test
 * that parses a report also proves it is well-formed.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`XML error at ${i}: ${why}`);
  };
  const isNameChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c === ':' || c === '.';
  const skipSpace = () => {
    while (i < src.length && ' \t\r\n'.includes(src[i]!)) i++;
  };
  const name = () => {
    const start = i;
    while (i < src.length && isNameChar(src[i]!)) i++;
    if (i === start) fail('name expected');
    return src.slice(start, i);
  };
  const decode = (raw: string) => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const c = raw[k]!;
      if (c === '<') fail('raw < in text');
      if (c !== '&') {
        out += c;
        continue;
      }
      const end = raw.indexOf(';', k);
      if (end < 0) fail('unterminated entity');
      const ent = raw.slice(k + 1, end);
      if (!(ent in ENTITIES)) fail(`unknown entity &${ent};`);
      out += ENTITIES[ent];
      k = end;
    }
    return out;
  };
  if (src.startsWith('<?xml')) {
    i = src.indexOf('?>');
    if (i < 0) fail('unterminated declaration');
    i += 2;
  }
  skipSpace();
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('< expected');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      const attr = name();
      if (src[i] !== '=' || src[i + 1] !== '"') fail('="..." expected');
      i += 2;
      const end = src.indexOf('"', i);
      if (end < 0) fail('unterminated attribute');
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      el.attrs[attr] = decode(src.slice(i, end));
      i = end + 1;
    }
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${el.name}>`);
      el.text += decode(src.slice(i, lt));
      i = lt;
      if (src.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched </…> for <${el.name}>`);
        if (src[i] !== '>') fail('> expected');
        i++;
        return el;
      }
      el.children.push(element());
    }
  };
  const root = element();
  skipSpace();
  if (i !== src.length) fail('content after the root element');
  return root;
}
