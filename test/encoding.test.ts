import { describe, expect, it } from 'vitest';
import { decode } from '../analyzers/read/encoding.js';
import { encodeGbk } from './helpers.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decode', () => {
  it('clean UTF-8, with and without a BOM', () => {
    expect(decode(utf8('中文 text'))).toMatchObject({ text: '中文 text', encoding: 'utf-8', bom: false });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('x')]);
    expect(decode(bom)).toMatchObject({ text: 'x', encoding: 'utf-8', bom: true });
  });

  it('GBK sources with Chinese text', () => {
    const r = decode(encodeGbk('// 用户登录\nString s = "欢迎";'));
    expect(r.encoding).toBe('gbk');
    expect(r.text).toBe('// 用户登录\nString s = "欢迎";');
  });

  it('the XML declaration wins over detection', () => {
    const xml = new Uint8Array([
      ...utf8('<?xml version="1.0" encoding="gb2312"?><a>'),
      ...encodeGbk('论坛'),
      ...utf8('</a>'),
    ]);
    expect(decode(xml)).toMatchObject({ encoding: 'gbk', text: '<?xml version="1.0" encoding="gb2312"?><a>论坛</a>' });
  });

  it('ISO-8859-1 when the bytes are neither UTF-8 nor Chinese GBK', () => {
    const latin = new Uint8Array([...utf8('name=Jos'), 0xe9, ...utf8('\ncity=M'), 0xfc, ...utf8('nchen\n')]);
    expect(decode(latin)).toMatchObject({ encoding: 'iso-8859-1', text: 'name=José\ncity=München\n' });
  });

  it('a UTF-8 file with one stray Latin-1 byte stays UTF-8, with a warning', () => {
    const text = '# 数据库配置 用户 密码\n';
    const bytes = new Uint8Array([...utf8(text), ...utf8('note=caf'), 0xe9, 0x0a]);
    const r = decode(bytes);
    expect(r.encoding).toBe('utf-8');
    expect(r.text.startsWith(text)).toBe(true);
    expect(r.badBytes).toBe(1);
  });

  it('an explicit encoding overrides detection; the project fallback applies to undecidable bytes', () => {
    expect(decode(utf8('abc'), { override: 'iso-8859-1' }).encoding).toBe('iso-8859-1');
    expect(decode(new Uint8Array([0x61, 0xe9, 0x62]), { fallback: 'iso-8859-1' }).encoding).toBe('iso-8859-1');
  });
});
