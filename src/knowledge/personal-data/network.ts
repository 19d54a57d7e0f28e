import { isIPv4, isIPv6 } from 'node:net';
import type { ValueDetector } from './detector.js';

/** IPv4 and IPv6 addresses: online identifiers (GDPR recital 30; CJEU C-582/14 Breyer). */
export const ipAddress: ValueDetector = {
  kind: 'ip-address',
  label: 'IP address',
  checkDigits: false,
  shape(text) {
    const t = text.trim();
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) return t;
    // IPv6 needs at least two colons and hex groups; "12:30:00" (a time) is not an address.
    if (/^[0-9a-f:.]+$/i.test(t) && (t.match(/:/g)?.length ?? 0) >= 2 && /[0-9a-f]{1,4}:/i.test(t)) return t.toLowerCase();
    return undefined;
  },
  valid: (t) => (isIPv4(t) && t !== '0.0.0.0') || (isIPv6(t) && t !== '::'),
  mask(t) {
    if (t.includes('.') && !t.includes(':')) return t.split('.').slice(0, 2).join('.') + '.*.*';
    return t.split(':').slice(0, 2).join(':') + ':*';
  },
};
