import { describe, expect, it } from 'vitest';
import { indentAt, indentUnit, lineInsertion, lineRemoval } from '../refactors/edit/lines.js';
import { applyEdits, diffEdit, mapOffset, sortEdits } from '../refactors/edit/text-edit.js';
import { readText } from '../refactors/edit/text-file.js';

describe('text edits', () => {
  it('apply in text order whatever order they come in; offsets refer to the text as given', () => {
    expect(
      applyEdits('abcdef', [
        { start: 4, end: 4, text: 'YY' },
        { start: 1, end: 2, text: 'X' },
        { start: 5, end: 6, text: '' },
      ]),
    ).toBe('aXcdYYe');
  });

  it('an insertion right before or right after a replacement is not an overlap', () => {
    expect(
      applyEdits('abc', [
        { start: 1, end: 2, text: 'B' },
        { start: 1, end: 1, text: '<' },
        { start: 2, end: 2, text: '>' },
      ]),
    ).toBe('a<B>c');
  });

  it('overlapping edits are refused, naming both ranges, instead of corrupting the text', () => {
    expect(() =>
      applyEdits('handlers = a, b\nnext\n', [
        { start: 11, end: 15, text: 'b' },
        { start: 11, end: 15, text: 'a' },
      ]),
    ).toThrow('overlapping edits [11, 15) and [11, 15)');
    expect(() =>
      applyEdits('abcdef', [
        { start: 3, end: 5, text: 'x' },
        { start: 1, end: 4, text: 'y' },
      ]),
    ).toThrow('overlapping edits [1, 4) and [3, 5)');
    // two insertions at one place: their order would be a guess
    expect(() =>
      sortEdits([
        { start: 2, end: 2, text: 'x' },
        { start: 2, end: 2, text: 'y' },
      ]),
    ).toThrow('overlapping edits [2, 2) and [2, 2)');
  });

  it('an edit outside the text is refused', () => {
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: '' }])).toThrow('edit [2, 9) is outside the text');
  });

  it('offsets map through edits; what an edit replaced is gone', () => {
    const edits = sortEdits([
      { start: 0, end: 0, text: '12' }, // inserted before offset 0
      { start: 2, end: 4, text: 'X' }, // 2 characters become 1
    ]);
    expect(mapOffset(0, edits)).toBe(2);
    expect(mapOffset(1, edits)).toBe(3);
    expect(mapOffset(2, edits)).toBeUndefined();
    expect(mapOffset(3, edits)).toBeUndefined();
    expect(mapOffset(4, edits)).toBe(5);
    expect(mapOffset(6, edits)).toBe(7);
  });

  it('a whole new text becomes the one edit between the common start and end', () => {
    expect(diffEdit('a = 1\nb = 2\n', 'a = 1\nb = 3\n')).toEqual({ start: 10, end: 11, text: '3' });
    expect(diffEdit('x\n', 'x\ny\n')).toEqual({ start: 2, end: 2, text: 'y\n' });
    const before = 'same';
    expect(applyEdits(before, [diffEdit(before, 'sane')])).toBe('sane');
  });
});

describe('line helpers', () => {
  it('indentation follows what most lines use', () => {
    expect(indentUnit('<a>\n  <b/>\n  <c>\n\t\t\tx\n  </c>\n</a>\n')).toBe('  ');
    expect(indentUnit('class A {\n\tint x;\n\tint y;\n    int z;\n}\n')).toBe('\t');
    expect(indentUnit('class A {\n    int x;\n        int y;\n}\n')).toBe('    ');
    expect(indentAt('a\n    b\n', 6)).toBe('    ');
  });

  it('inserted lines go at the start of the line, indented, in the file line endings', () => {
    const file = readText(new TextEncoder().encode('<a>\r\n  <b/>\r\n</a>\r\n'));
    const at = file.text.indexOf('<b/>');
    const edit = lineInsertion(file, at, ['<c/>', '<d/>']);
    expect(applyEdits(file.text, [edit])).toBe('<a>\r\n  <c/>\r\n  <d/>\r\n  <b/>\r\n</a>\r\n');
    // after other text on the line: on a new line of their own
    const inline = readText(new TextEncoder().encode('<a><b/></a>\n'));
    expect(applyEdits(inline.text, [lineInsertion(inline, 3, ['<c/>'], ' ')])).toBe('<a>\n <c/>\n<b/></a>\n');
  });

  it('a removed element takes its line along when nothing else is on it', () => {
    const text = '<a>\n  <b/>\n  <c/><d/>\n</a>\n';
    const b = text.indexOf('<b/>');
    expect(applyEdits(text, [lineRemoval(text, b, b + 4)])).toBe('<a>\n  <c/><d/>\n</a>\n');
    const c = text.indexOf('<c/>');
    expect(applyEdits(text, [lineRemoval(text, c, c + 4)])).toBe('<a>\n  <b/>\n  <d/>\n</a>\n');
  });
});
