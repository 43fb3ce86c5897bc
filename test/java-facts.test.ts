import { describe, expect, it } from 'vitest';
import { extractJavaFacts } from '../analyzers/java/extract.js';
import { createJavaParser } from '../analyzers/java/parser.js';
import type { JavaFacts } from '../analyzers/types.js';

const jp = await createJavaParser();

function facts(src: string): { facts: JavaFacts; notices: { kind: string; line?: number }[] } {
  const tree = jp.parser.parse(src)!;
  try {
    return extractJavaFacts(tree, jp.errors, 'A.java', 'utf-8', src);
  } finally {
    tree.delete();
  }
}

const SRC = `package com.acme.web;

import java.util.*;
import javax.servlet.http.HttpSession;
import static java.lang.Math.max;

@Deprecated
public class Cart extends BaseAction implements java.io.Serializable, Comparable<Cart> {
    private static final Map<String, Integer> COUNTS = new HashMap<String, Integer>();
    private HttpSession session;
    static int hits;

    static { COUNTS.put("a", 1); }

    public HttpSession current() { return session; }

    public void add(HttpSession s, String sku) {
        List<String> items = new ArrayList<String>();
        items.add(sku);
        s.setAttribute("items", items);
        this.session.setAttribute("last", new Cart());
        current().setAttribute("n", sku);
        hits++;
    }

    class Inner { void f() { session.invalidate(); } }
}
`;

describe('Java facts', () => {
  const { facts: f, notices } = facts(SRC);

  it('package, imports, types with extends, implements and annotations', () => {
    expect(notices).toEqual([]);
    expect(f.package).toBe('com.acme.web');
    expect(f.imports.map((i) => [i.name, i.wildcard, i.isStatic, i.line])).toEqual([
      ['java.util', true, false, 3],
      ['javax.servlet.http.HttpSession', false, false, 4],
      ['java.lang.Math.max', false, true, 5],
    ]);
    expect(f.types[0]).toMatchObject({
      name: 'Cart',
      qualifiedName: 'com.acme.web.Cart',
      kind: 'class',
      extends: 'BaseAction',
      implements: ['java.io.Serializable', 'Comparable'],
      annotations: ['Deprecated'],
      line: 7,
      column: 1,
    });
    expect(f.types[1]).toMatchObject({ name: 'Inner', qualifiedName: 'com.acme.web.Cart.Inner' });
    expect(f.types[0].methods.map((m) => [m.name, m.returnType])).toEqual([
      ['current', 'HttpSession'],
      ['add', 'void'],
    ]);
  });

  it('fields with static, final, type and initializer', () => {
    expect(f.fields.map((x) => [x.name, x.type, x.isStatic, x.isFinal, x.initializer, x.line])).toEqual([
      ['COUNTS', 'Map<String, Integer>', true, true, 'new HashMap<String, Integer>()', 9],
      ['session', 'HttpSession', false, false, undefined, 10],
      ['hits', 'int', true, false, undefined, 11],
    ]);
  });

  it('modifiers and annotations before a declaration, with arguments holding parentheses, strings and comments', () => {
    const { facts: m } = facts(`package p;
@SuppressWarnings({ "a)", "(b" }) /* static */ @p.Marker
public sealed interface Shape permits Box {
  @Path("/x") // final
  @Deprecated(since = "1)") public static @Deprecated final String name(String... parts) { return null; }
  default void draw(@Named("a, b") final java.util.List<String> items, int[] sizes) {}
}
@interface Marker {}
non-sealed class Box implements Shape { static private transient int count; }
`);
    expect(m.types.map((t) => [t.name, t.kind, t.annotations])).toEqual([
      ['Shape', 'interface', ['SuppressWarnings', 'p.Marker']],
      ['Marker', 'annotation', []],
      ['Box', 'class', []],
    ]);
    expect(m.types[0].methods.map((x) => [x.name, x.isStatic, x.annotations, x.params, x.paramTypes])).toEqual([
      ['name', true, ['Path', 'Deprecated', 'Deprecated'], ['parts'], ['']],
      ['draw', false, [], ['items', 'sizes'], ['java.util.List<String>', 'int[]']],
    ]);
    expect(m.fields.map((x) => [x.name, x.isStatic, x.isFinal])).toEqual([['count', true, false]]);
  });

  it('calls with receiver text, the receiver type from parameters, fields and locals, and the enclosing method', () => {
    const calls = f.calls.map((c) => [c.receiver, c.name, c.receiverType, c.enclosingMethod, c.line, c.column]);
    expect(calls).toEqual([
      ['COUNTS', 'put', 'Map', '<clinit>', 13, 21],
      ['items', 'add', 'List', 'add', 19, 15],
      ['s', 'setAttribute', 'HttpSession', 'add', 20, 11],
      ['this.session', 'setAttribute', 'HttpSession', 'add', 21, 22],
      ['current()', 'setAttribute', { calls: ['current'] }, 'add', 22, 19],
      [undefined, 'current', undefined, 'add', 22, 9],
      ['session', 'invalidate', 'HttpSession', 'f', 26, 38],
    ]);
    const set = f.calls.find((c) => c.name === 'setAttribute' && c.receiver === 's')!;
    expect(set.args).toEqual(['"items"', 'items']);
    expect(set.argTypes).toEqual(['String', 'List']);
    expect(f.calls.find((c) => c.receiver === 'this.session')!.argTypes[1]).toBe('Cart');
  });

  it('receivers the file cannot type alone are call chains for the type index to finish', () => {
    const chains = facts(`package p;
import javax.servlet.http.*;
class A {
  private Helper helper;
  void f(HttpServletRequest req) {
    Helper.get().session().setAttribute("a", 1);
    var s = req.getSession();
    s.setAttribute("b", 2);
    this.helper.wrap(req).getServletContext().log("c");
    build().add(s.getId());
    ((HttpSession) s).invalidate();
    unknown.call().other();
  }
}
`).facts;
    const types = chains.calls.map((c) => [c.name, c.receiverType]);
    expect(types).toEqual([
      ['setAttribute', { base: 'Helper', calls: ['get', 'session'] }],
      ['session', { base: 'Helper', calls: ['get'] }],
      ['get', 'Helper'],
      ['getSession', 'HttpServletRequest'],
      ['setAttribute', { base: 'HttpServletRequest', calls: ['getSession'] }],
      ['log', { base: 'Helper', calls: ['wrap', 'getServletContext'] }],
      ['getServletContext', { base: 'Helper', calls: ['wrap'] }],
      ['wrap', 'Helper'],
      ['add', { calls: ['build'] }],
      ['build', undefined],
      ['getId', { base: 'HttpServletRequest', calls: ['getSession'] }],
      ['invalidate', 'HttpSession'],
      ['other', undefined],
      ['call', undefined],
    ]);
    expect(chains.calls.find((c) => c.name === 'add')!.argTypes).toEqual([
      { base: 'HttpServletRequest', calls: ['getSession', 'getId'] },
    ]);
    // facts cross worker threads: a chain is plain data
    expect(structuredClone(chains.calls)).toEqual(chains.calls);
  });

  it('object creations, string literals, annotations and writes', () => {
    expect(f.news.map((n) => [n.type, n.line])).toEqual([
      ['HashMap', 9],
      ['ArrayList', 18],
      ['Cart', 21],
    ]);
    expect(f.strings.map((s) => s.value)).toEqual(['a', 'items', 'last', 'n']);
    expect(f.annotations.map((a) => [a.name, a.line])).toEqual([['Deprecated', 7]]);
    expect(f.writes.map((w) => [w.target, w.enclosingMethod, w.line])).toEqual([['hits', 'add', 23]]);
  });

  it('a syntax error yields the facts of the parsable parts and a parse-error notice with its line', () => {
    const r = facts('package p;\nclass A {\n  void f() { a.b(); }\n  void g( {\n  void h() { c.d("x"); }\n}\n');
    expect(r.notices).toEqual([expect.objectContaining({ kind: 'parse-error', line: 4 })]);
    expect(r.facts.calls.map((c) => c.name)).toEqual(expect.arrayContaining(['b', 'd']));
  });
});

describe('Java facts: literals in annotations', () => {
  it('a literal inside an annotation carries @Name, nested annotations the innermost; one after it none', () => {
    const { facts: f } = facts(`package a;
@XmlRootElement(name = "order", namespace = "http://www.acme-shop.cn/order")
@Table(indexes = { @Index(columnList = "code") })
public class A {
  String table = "part one " + "part two " + "part three";
  @Value("\${mail.host}") String host = "smtp.acme-corp.com";
}
`);
    expect(f.strings.map((s) => [s.value, s.argOf ?? null])).toEqual([
      ['order', '@XmlRootElement'],
      ['http://www.acme-shop.cn/order', '@XmlRootElement'],
      ['code', '@Index'],
      ['part one ', null],
      ['part two ', null],
      ['part three', null],
      ['${mail.host}', '@Value'],
      ['smtp.acme-corp.com', null],
    ]);
  });
});
