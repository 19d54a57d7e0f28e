/**
 * Whether `text` starts with `http://` or `https://`, in any case (URL schemes are
 * case-insensitive): `/^https?:\/\//i`, read by char codes — scores ask it of every
 * distribution's URLs, the reporters of every finding's file.
 */
export function isHttpUrl(text: string): boolean {
  if (text.length < 7 || (text.charCodeAt(0) | 0x20) !== 0x68 || (text.charCodeAt(1) | 0x20) !== 0x74 || (text.charCodeAt(2) | 0x20) !== 0x74 || (text.charCodeAt(3) | 0x20) !== 0x70) return false;
  const i = (text.charCodeAt(4) | 0x20) === 0x73 ? 5 : 4;
  return text.charCodeAt(i) === 0x3a && text.charCodeAt(i + 1) === 0x2f && text.charCodeAt(i + 2) === 0x2f;
}
