import type { Encoding } from '../types.js';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
  // bytes that were not valid in the chosen encoding and were replaced
  badBytes?: number;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const gbkStrict = new TextDecoder('gbk', { fatal: true });
const latin1 = new TextDecoder('latin1');

const XML_DECL = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

export function normalizeEncoding(name: string): Encoding | undefined {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (['gbk', 'gb2312', 'gb18030', 'cp936', 'ms936', 'euc-cn'].includes(n)) return 'gbk';
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii', 'cp1252', 'windows-1252'].includes(n))
    return 'iso-8859-1';
  if (n === 'utf-16le') return 'utf-16le';
  if (n === 'utf-16be' || n === 'utf-16') return 'utf-16be';
  return undefined;
}

function decodeWith(bytes: Uint8Array, encoding: Encoding): string {
  // WHATWG maps gbk to gb18030 decoding, which is a superset; latin1 is windows-1252 in WHATWG, close enough for text
  const label = encoding === 'iso-8859-1' ? 'latin1' : encoding;
  return new TextDecoder(label).decode(bytes);
}

function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return false;
  return isBinary(bytes);
}

/**
 * Decodes a text file. Order: BOM, an explicit override, an XML declaration, clean UTF-8,
 * UTF-8 with a few stray bytes, clean GBK with Chinese text in it, the fallback (ISO-8859-1 unless
 * the project declares a source encoding).
 */
export function decode(bytes: Uint8Array, opts: { override?: Encoding; fallback?: Encoding } = {}): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8Lenient.decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  if (opts.override) return { text: decodeWith(bytes, opts.override), encoding: opts.override, bom: false };

  const head = latin1.decode(bytes.subarray(0, 200));
  const declared = XML_DECL.exec(head);
  if (declared) {
    const enc = normalizeEncoding(declared[1]);
    if (enc) return { text: decodeWith(bytes, enc), encoding: enc, bom: false };
  }

  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    // not clean UTF-8: decide below
  }

  const lenient = utf8Lenient.decode(bytes);
  let bad = 0;
  let multi = 0;
  for (let i = 0; i < lenient.length; i++) {
    const c = lenient.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c > 0x7f) multi++;
  }
  // A UTF-8 file with one stray Latin-1 byte: many good multi-byte characters, very few bad ones.
  if (multi >= 4 && bad <= Math.max(1, multi / 50)) {
    return { text: lenient, encoding: 'utf-8', bom: false, badBytes: bad };
  }

  if (opts.fallback !== 'iso-8859-1') {
    try {
      const text = gbkStrict.decode(bytes);
      if (/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(text)) return { text, encoding: 'gbk', bom: false };
    } catch {
      // not GBK either
    }
  }
  const fallback = opts.fallback && opts.fallback !== 'utf-8' ? opts.fallback : 'iso-8859-1';
  return { text: decodeWith(bytes, fallback), encoding: fallback, bom: false };
}
