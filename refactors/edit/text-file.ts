import iconv from 'iconv-lite';
import { decode } from '../../analyzers/read/encoding.js';
import type { Encoding } from '../../analyzers/types.js';

/** A text file as read, and what it takes to write it back the same way. */
export interface TextFile {
  text: string;
  encoding: Encoding;
  bom: boolean;
  eol: '\r\n' | '\n';
}

const ICONV: Record<Encoding, string> = {
  'utf-8': 'utf8',
  gbk: 'gbk',
  'iso-8859-1': 'latin1',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16-be',
};
const BOMS: Record<Encoding, number[]> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
  gbk: [],
  'iso-8859-1': [],
};

export function readText(bytes: Uint8Array, fallback?: Encoding): TextFile {
  const d = decode(bytes, { fallback });
  const crlf = d.text.match(/\r\n/g)?.length ?? 0;
  const lf = d.text.match(/\n/g)?.length ?? 0;
  return { text: d.text, encoding: d.encoding, bom: d.bom, eol: crlf > 0 && crlf * 2 >= lf ? '\r\n' : '\n' };
}

/** Encodes text in the file's own encoding, BOM included; throws when a character has no code there. */
export function writeText(file: TextFile, text: string): Uint8Array {
  const body = iconv.encode(text, ICONV[file.encoding]);
  if (file.encoding !== 'utf-8' && iconv.decode(body, ICONV[file.encoding]) !== text) {
    throw new Error(`the new text has characters that ${file.encoding} cannot hold`);
  }
  const bom = file.bom ? BOMS[file.encoding] : [];
  const out = new Uint8Array(bom.length + body.length);
  out.set(bom, 0);
  out.set(body, bom.length);
  return out;
}

/** Lines written in the file's own line ending. */
export const withEol = (file: TextFile, s: string) => s.replace(/\r?\n/g, file.eol);
