import { describe, expect, it } from 'vitest';
import { applyEdits, indentAt, indentUnit } from '../refactors/edit/java-source.js';
import { findElements, removal } from '../refactors/edit/xml-edit.js';

describe('text edit helpers', () => {
  it('indentation follows what most lines use', () => {
    expect(indentUnit('<a>\n  <b/>\n  <c>\n\t\t\tx\n  </c>\n</a>\n')).toBe('  ');
    expect(indentUnit('class A {\n\tint x;\n\tint y;\n    int z;\n}\n')).toBe('\t');
    expect(indentUnit('class A {\n    int x;\n        int y;\n}\n')).toBe('    ');
    expect(indentAt('a\n    b\n', 6)).toBe('    ');
  });

  it('edits apply from the end so offsets stay valid', () => {
    expect(
      applyEdits('abcdef', [
        { start: 1, end: 2, text: 'X' },
        { start: 4, end: 4, text: 'YY' },
      ]),
    ).toBe('aXcdYYef');
  });

  it('XML elements are found outside comments, with their attribute spans', () => {
    const text =
      '<Context>\n  <!-- <Manager className="old"/> -->\n  <Manager className="x.PersistentManager">\n    <Store/>\n  </Manager>\n</Context>\n';
    const [m] = findElements(text, 'Manager');
    expect(findElements(text, 'Manager')).toHaveLength(1);
    expect(m.attrs.className).toBe('x.PersistentManager');
    expect(text.slice(m.attrSpans.className.start, m.attrSpans.className.end)).toBe('x.PersistentManager');
    expect(text.slice(m.start, m.end)).toBe('<Manager className="x.PersistentManager">\n    <Store/>\n  </Manager>');
    const r = removal(text, m.start, m.end);
    expect(applyEdits(text, [r])).toBe('<Context>\n  <!-- <Manager className="old"/> -->\n</Context>\n');
  });
});
