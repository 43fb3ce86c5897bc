import { describe, expect, it } from 'vitest';
import { extractPropertiesFacts } from '../../analyzers/config/properties.js';
import { extractXmlFacts } from '../../analyzers/config/xml.js';
import { entryAt, readProperties } from '../../refactors/edit/properties-doc.js';
import { ancestorsOf, descendantsOf, elementAt, elementsNamed, readXml } from '../../refactors/edit/xml-doc.js';
import { Workspace } from '../../refactors/workspace.js';
import { makeTree, removeTree } from '../helpers.js';

const slice = (text: string, s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : s);

describe('the XML model keeps the spans the fixes edit by', () => {
  const text =
    '<?xml version="1.0"?>\r\n<beans xmlns:p="urn:p">\r\n  <!-- <bean id="old"/> -->\r\n' +
    '  <bean id="ds" p:url=\'jdbc:mysql://h/db?a=1&amp;b=2\'>\r\n' +
    '    <property name="password" value="S3cret"/>\r\n    <beans profile="dev"><bean id="inner"/></beans>\r\n' +
    '    <description>  two words </description>\r\n  </bean>\r\n</beans>\r\n';
  const doc = extractXmlFacts('ctx.xml', text).facts;
  const named = (name: string, i = 0) => doc.elements.filter((e) => e.name === name)[i];

  it('elements: from their < to the end of their opening tag and of the element', () => {
    const ds = named('bean');
    expect(text.slice(ds.spans.start, ds.spans.openEnd)).toBe('<bean id="ds" p:url=\'jdbc:mysql://h/db?a=1&amp;b=2\'>');
    expect(text.slice(ds.spans.start, ds.spans.end)).toBe(
      '<bean id="ds" p:url=\'jdbc:mysql://h/db?a=1&amp;b=2\'>\r\n' +
        '    <property name="password" value="S3cret"/>\r\n    <beans profile="dev"><bean id="inner"/></beans>\r\n' +
        '    <description>  two words </description>\r\n  </bean>',
    );
    const prop = named('property');
    expect(text.slice(prop.spans.start, prop.spans.end)).toBe('<property name="password" value="S3cret"/>');
    expect(prop.spans.text).toBeUndefined();
  });

  it('attribute values as written, without quotes; the facts keep them decoded', () => {
    const ds = named('bean');
    expect(slice(text, ds.spans.attributes['p:url'])).toBe('jdbc:mysql://h/db?a=1&amp;b=2');
    expect(ds.attributes['p:url']).toBe('jdbc:mysql://h/db?a=1&b=2');
    expect(slice(text, named('property').spans.attributes.value)).toBe('S3cret');
  });

  it('the text between the tags as written; the facts keep it trimmed', () => {
    const d = named('description');
    expect(slice(text, d.spans.text)).toBe('  two words ');
    expect(d.text).toBe('two words');
  });

  it('nested elements of the same name end where they really end; comments hold no elements', () => {
    const [outer, inner] = doc.elements.filter((e) => e.name === 'beans');
    expect(text.slice(outer.spans.end - 8, outer.spans.end)).toBe('</beans>');
    expect(outer.spans.end).toBe(text.lastIndexOf('</beans>') + 8);
    expect(text.slice(inner.spans.start, inner.spans.end)).toBe('<beans profile="dev"><bean id="inner"/></beans>');
    expect(doc.elements.filter((e) => e.name === 'bean').map((e) => e.attributes.id)).toEqual(['ds', 'inner']);
  });

  it('each element knows its parent; qualified names stay as written', () => {
    const inner = named('bean', 1);
    expect(doc.elements[inner.parent].attributes.profile).toBe('dev');
    expect(named('beans').parent).toBe(-1);
    const x = extractXmlFacts('a.xml', '<a:root xmlns:a="urn:a"><a:item/></a:root>').facts;
    expect(x.elements.map((e) => [e.name, e.qname, e.path])).toEqual([
      ['root', 'a:root', 'root'],
      ['item', 'a:item', 'root/item'],
    ]);
  });

  it('lines and columns stay what the rules have always reported', () => {
    expect(doc.elements.map((e) => [e.name, e.line, e.column])).toEqual([
      ['beans', 2, 2],
      ['bean', 4, 4],
      ['property', 5, 6],
      ['beans', 6, 6],
      ['bean', 6, 27],
      ['description', 7, 6],
    ]);
  });
});

describe('the properties model keeps key and value spans', () => {
  const text = 'a = 1\r\n  b.key:two words\r\n# c=3\r\nlong = x, \\\r\n    y\r\nempty=\r\n';
  const facts = extractPropertiesFacts('x.properties', text);

  it('each entry: the key and the value as written, continuation lines included', () => {
    expect(facts.entries.map((e) => [e.key, e.value, e.line, e.column])).toEqual([
      ['a', '1', 1, 1],
      ['b.key', 'two words', 2, 3],
      ['long', 'x, y', 4, 1],
      ['empty', '', 6, 1],
    ]);
    expect(facts.entries.map((e) => [slice(text, e.spans.key), slice(text, e.spans.value)])).toEqual([
      ['a', '1'],
      ['b.key', 'two words'],
      ['long', 'x, \\\r\n    y'],
      ['empty', ''],
    ]);
  });
});

describe('the workspace finds a place of the assessed file after earlier edits', () => {
  const context =
    '<Context>\n  <Manager className="org.apache.catalina.session.PersistentManager">\n' +
    '    <Store className="org.apache.catalina.session.FileStore"/>\n  </Manager>\n' +
    '  <Resource name="jdbc/x" url="jdbc:mysql://10.0.0.5/x"/>\n</Context>\n';

  it('maps a line and column through every edit made so far; what an edit replaced is gone', () => {
    const dir = makeTree({ 'META-INF/context.xml': context });
    try {
      const ws = new Workspace(dir);
      const resource = { line: 5, column: 4 }; // where the analyzers place <Resource>
      const manager = { line: 2, column: 4 };
      const before = readXml(ws, 'META-INF/context.xml')!;
      expect(elementAt(ws, before, resource)?.attributes.name).toBe('jdbc/x');
      const [old] = elementsNamed(before, 'Manager');
      ws.edit('META-INF/context.xml', before.file, [
        { start: old.spans.start, end: old.spans.end, text: '<Manager className="x.Redis"/>' },
      ]);
      const after = readXml(ws, 'META-INF/context.xml')!;
      expect(elementAt(ws, after, resource)?.attributes.name).toBe('jdbc/x'); // two lines up now
      expect(elementAt(ws, after, manager)).toBeUndefined(); // replaced: not the element the finding meant
      expect(ws.locate('META-INF/context.xml', { line: 99, column: 1 })).toBeUndefined();
      // a whole-text write is kept as the edit between the common start and end
      ws.write('META-INF/context.xml', after.file, `<!-- managed -->\n${after.file.text}`);
      const written = readXml(ws, 'META-INF/context.xml')!;
      expect(elementAt(ws, written, resource)?.attributes.name).toBe('jdbc/x');
    } finally {
      removeTree(dir);
    }
  });

  it('refuses edits made on a text that is no longer the current one', () => {
    const dir = makeTree({ 'a.properties': 'a=1\n' });
    try {
      const ws = new Workspace(dir);
      const stale = ws.read('a.properties')!;
      ws.edit('a.properties', stale, [{ start: 2, end: 3, text: '2' }]);
      expect(() => ws.edit('a.properties', stale, [{ start: 2, end: 3, text: '3' }])).toThrow('no longer current');
      const p = readProperties(ws, 'a.properties')!;
      expect(entryAt(ws, p, { line: 1, column: 1 })?.value).toBe('2');
    } finally {
      removeTree(dir);
    }
  });

  it('searches the model for enclosing and enclosed elements', () => {
    const dir = makeTree({
      'ctx.xml': '<beans><bean id="a"><property name="p"><value>v</value></property></bean></beans>',
    });
    try {
      const x = readXml(new Workspace(dir), 'ctx.xml')!;
      const [value] = elementsNamed(x, 'value');
      expect(ancestorsOf(x, value).map((e) => e.name)).toEqual(['property', 'bean', 'beans']);
      expect(descendantsOf(x, elementsNamed(x, 'bean')[0]).map((e) => e.name)).toEqual(['property', 'value']);
    } finally {
      removeTree(dir);
    }
  });
});
