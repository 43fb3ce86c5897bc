import { describe, expect, it } from 'vitest';
import { commentSpans, maskComments, type CommentStyle } from '../../analyzers/read/comments.js';

const spans = (text: string, style: CommentStyle) =>
  commentSpans(text, style).map((s) => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`);

describe('comment spans', () => {
  it('C-style: block and line comments; strings, template literals and URLs are not comments', () => {
    const js = 'var u = "http://a/*b*/"; // one\nvar t = `x // y`;\n/* two\n lines */ f(\'//\');\nhttp://host\n';
    expect(spans(js, 'c')).toEqual(['1:26-1:32', '3:1-4:10']);
  });

  it('a line comment ends before a Windows line break; an unclosed block runs to the end', () => {
    expect(spans('a // x\r\nb /* open', 'c')).toEqual(['1:3-1:7', '2:3-2:10']);
  });

  it('JSP: HTML and JSP comments, and Java comments in scriptlets; backquotes are plain text there', () => {
    const jsp = '<!-- html -->\n<%-- jsp --%>\n<% int a; // java %>\n` // b`';
    expect(spans(jsp, 'jsp')).toEqual(['1:1-1:14', '2:1-2:14', '3:11-3:21', '4:3-4:8']);
  });

  it('XML: only <!-- -->, whatever else the text holds', () => {
    expect(spans('<a href="x">// not</a>\n<!-- c\n-->', 'xml')).toEqual(['2:1-3:4']);
  });

  it('hash: a # at the start or after a space; properties: # or ! first on a line', () => {
    expect(spans('# top\nkey: a#b # tail\n', 'hash')).toEqual(['1:1-1:6', '2:10-2:16']);
    expect(spans('# a\n  ! b\nk=v # not\n', 'properties')).toEqual(['1:1-1:4', '2:3-2:6']);
  });

  it('only a line feed starts a line; a string left open ends with its line; escaped quotes stay in the string', () => {
    expect(spans('a\r#b\n #c\r\n', 'properties')).toEqual(['2:2-2:4']);
    expect(spans('"abc\n//x', 'c')).toEqual(['2:1-2:4']);
    expect(spans('a = "x\\"//y" // z', 'c')).toEqual(['1:14-1:18']);
    expect(spans('k: v\u2028# c', 'hash')).toEqual(['1:6-1:9']);
    expect(spans('x\n/* a\n\n b */ y', 'jsp')).toEqual(['2:1-4:6']);
  });

  it('masking keeps every column where it was', () => {
    const lines = ['a = 1; /* c', 'still */ b = 2; // d'];
    expect(maskComments(lines, commentSpans(lines.join('\n'), 'c'))).toEqual(['a = 1;     ', '         b = 2;     ']);
  });
});
