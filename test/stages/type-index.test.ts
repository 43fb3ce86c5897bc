import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../../analyzers/collect.js';
import {
  isJavaLangType,
  isSerializableInterface,
  knownReturnType,
  notSerializableLibraryType,
} from '../../analyzers/java/library-types.js';
import {
  buildIndex,
  isSerializable,
  resolveExprType,
  resolveTypeName,
  typeHierarchy,
  type ProjectIndex,
} from '../../analyzers/java/type-index.js';
import type { JavaCall, JavaFacts, ProjectFacts } from '../../analyzers/types.js';
import { makeTree, removeTree } from '../helpers.js';

const SOURCES: Record<string, string> = {
  'src/com/acme/model/User.java': `package com.acme.model;
public class User extends BaseEntity {
  public static class Address implements java.io.Serializable {}
  public interface Visitor {}
}
`,
  'src/com/acme/model/BaseEntity.java': `package com.acme.model;
import java.io.Serializable;
public abstract class BaseEntity implements Serializable {}
`,
  'src/com/acme/model/Plain.java': 'package com.acme.model;\npublic class Plain implements Comparable<Plain> {}\n',
  'src/com/acme/model/Child.java': 'package com.acme.model;\npublic class Child extends Plain {}\n',
  'src/com/acme/model/Widget.java': 'package com.acme.model;\npublic class Widget extends javax.swing.JPanel {}\n',
  'src/com/acme/model/Color.java': 'package com.acme.model;\npublic enum Color { RED }\n',
  'src/com/acme/model/Ext.java': 'package com.acme.model;\npublic class Ext implements java.io.Externalizable {}\n',
  'src/com/acme/model/Loop.java':
    'package com.acme.model;\npublic class Loop extends Loop2 {}\nclass Loop2 extends Loop {}\n',
  'src/com/acme/web/SessionHelper.java': `package com.acme.web;
import javax.servlet.http.*;
public class SessionHelper {
  public static HttpSession session(HttpServletRequest r) { return r.getSession(); }
  public SessionHelper self() { return this; }
}
`,
  'src/com/acme/web/BaseServlet.java': `package com.acme.web;
import javax.servlet.http.HttpServlet;
public abstract class BaseServlet extends HttpServlet implements Auditable {}
`,
  'src/com/acme/web/Auditable.java': 'package com.acme.web;\npublic interface Auditable {}\n',
  'src/com/acme/web/Checkout.java': `package com.acme.web;
import com.acme.model.User;
import com.acme.model.User.Address;
import java.util.*;
import javax.servlet.http.*;
public class Checkout extends BaseServlet {
  Address home;
  void f(HttpServletRequest req) {
    SessionHelper.session(req).setAttribute("user", new User());
    new SessionHelper().self().self().toString();
    getServletContext().setAttribute("a", 1);
    req.getSession().getServletContext().log("x");
    List<String> names = new ArrayList<String>();
    String s = String.valueOf(1);
  }
}
`,
};

let dir: string;
let project: ProjectFacts;
let index: ProjectIndex;
const java = (rel: string) => project.files.find((f): f is JavaFacts => f.kind === 'java' && f.file === rel)!;
const callIn = (rel: string, receiver: string): JavaCall => java(rel).calls.find((c) => c.receiver === receiver)!;

beforeAll(async () => {
  dir = makeTree(SOURCES);
  project = await collectFacts(dir, { threads: 0 });
  index = buildIndex(project);
});
afterAll(() => removeTree(dir));

describe('the project type index', () => {
  it('indexes every declared type by qualified and by simple name, nested types under their outer type', () => {
    expect(index.byQualified.get('com.acme.model.User.Address')?.file.file).toBe('src/com/acme/model/User.java');
    expect(index.bySimple.get('Loop2')?.map((e) => e.decl.qualifiedName)).toEqual(['com.acme.model.Loop2']);
    expect([...index.byQualified.keys()].sort()).toEqual([
      'com.acme.model.BaseEntity',
      'com.acme.model.Child',
      'com.acme.model.Color',
      'com.acme.model.Ext',
      'com.acme.model.Loop',
      'com.acme.model.Loop2',
      'com.acme.model.Plain',
      'com.acme.model.User',
      'com.acme.model.User.Address',
      'com.acme.model.User.Visitor',
      'com.acme.model.Widget',
      'com.acme.web.Auditable',
      'com.acme.web.BaseServlet',
      'com.acme.web.Checkout',
      'com.acme.web.SessionHelper',
    ]);
  });

  it('resolves a type name through single imports, its own file, its package, wildcards and java.lang', () => {
    const checkout = java('src/com/acme/web/Checkout.java');
    const resolve = (name: string) => resolveTypeName(name, checkout, index);
    expect(resolve('User')).toEqual(['com.acme.model.User']); // single import
    expect(resolve('Address')).toEqual(['com.acme.model.User.Address']); // import of a nested type
    expect(resolve('Checkout')).toEqual(['com.acme.web.Checkout']); // declared in the file
    expect(resolve('SessionHelper')).toEqual(['com.acme.web.SessionHelper']); // same package
    expect(resolve('List<String>')).toEqual(['java.util.List', 'javax.servlet.http.List']); // wildcards, unknown
    expect(resolve('String')).toEqual(['java.lang.String']);
    expect(resolve('User.Visitor')).toEqual(['com.acme.model.User.Visitor']); // Outer.Inner through the outer
    expect(resolve('java.util.Map')).toEqual(['java.util.Map']); // already qualified
    expect(resolve('Address[]')).toEqual(['com.acme.model.User.Address']);
    expect(resolve('')).toEqual([]);
    const plain = java('src/com/acme/model/Plain.java');
    expect(resolveTypeName('Nowhere', plain, index)).toEqual(['Nowhere']); // no import says where: as written
  });

  it("a type's hierarchy goes through the project's declarations up to the first library type", () => {
    expect(typeHierarchy('com.acme.web.Checkout', index)).toEqual([
      'com.acme.web.Checkout',
      'com.acme.web.BaseServlet',
      'javax.servlet.http.HttpServlet',
      'com.acme.web.Auditable',
    ]);
    expect(typeHierarchy('com.acme.model.Loop', index)).toEqual(['com.acme.model.Loop', 'com.acme.model.Loop2']);
  });

  it('call chains resolve through project methods, known library methods and inherited methods', () => {
    const f = 'src/com/acme/web/Checkout.java';
    const resolve = (c: JavaCall) => resolveExprType(c.receiverType, java(f), c.enclosingType, index);
    // a project wrapper returning the session
    expect(resolve(callIn(f, 'SessionHelper.session(req)'))).toEqual(['javax.servlet.http.HttpSession']);
    // a project method returning its own type, twice
    expect(resolve(callIn(f, 'new SessionHelper().self().self()'))).toEqual(['com.acme.web.SessionHelper']);
    // an own method inherited from a library class (GenericServlet.getServletContext through HttpServlet)
    expect(resolve(callIn(f, 'getServletContext()'))).toEqual(['javax.servlet.ServletContext']);
    // known library returns, chained
    expect(resolve(callIn(f, 'req.getSession().getServletContext()'))).toEqual(['javax.servlet.ServletContext']);
    // a library method nothing is known of
    expect(resolve(callIn(f, 'String'))).toEqual(['java.lang.String']);
    const unknown = java(f).calls.find((c) => c.name === 'valueOf')!;
    expect(resolve({ ...unknown, receiverType: undefined })).toEqual([]);
  });

  it('Serializable through an interface, a superclass, Externalizable or an enum; unknown past a library class', () => {
    const serializable = (q: string) => isSerializable(q, index);
    expect(serializable('com.acme.model.User.Address')).toBe(true);
    expect(serializable('com.acme.model.User')).toBe(true); // through BaseEntity
    expect(serializable('com.acme.model.Ext')).toBe(true);
    expect(serializable('com.acme.model.Color')).toBe(true);
    expect(serializable('com.acme.model.Plain')).toBe(false); // Comparable does not make it so
    expect(serializable('com.acme.model.Child')).toBe(false);
    expect(serializable('com.acme.model.Widget')).toBeUndefined(); // JPanel may be Serializable
    expect(serializable('com.acme.model.Loop')).toBe(false); // a cycle ends
    expect(serializable('java.util.ArrayList')).toBeUndefined(); // not a project type
  });
});

describe('library types (library-types.json)', () => {
  it('java.lang names, known method returns, Serializable interfaces', () => {
    expect(['String', 'Runnable', 'List', 'Map'].map(isJavaLangType)).toEqual([true, true, false, false]);
    expect(knownReturnType('jakarta.servlet.jsp.PageContext', 'getRequest')).toBe('jakarta.servlet.ServletRequest');
    expect(knownReturnType('org.apache.struts.action.Action', 'getServlet')).toBe(
      'org.apache.struts.action.ActionServlet',
    );
    expect(knownReturnType('javax.servlet.http.HttpServletRequest', 'toString')).toBeUndefined();
    expect(knownReturnType('toString', 'getSession')).toBeUndefined();
    expect(
      ['java.io.Serializable', 'java.io.Externalizable', 'java.lang.Cloneable'].map(isSerializableInterface),
    ).toEqual([true, true, false]);
  });

  it('types that never serialize: connections, streams, threads, servlet objects, loggers', () => {
    const never = [
      'java.sql.Connection',
      'java.io.FileInputStream',
      'java.io.InputStream',
      'java.lang.Thread',
      'javax.servlet.http.HttpServletRequest',
      'jakarta.servlet.ServletContext',
      'org.slf4j.Logger',
      'org.apache.commons.logging.Log',
    ];
    const fine = [
      'java.lang.String',
      'java.io.File',
      'java.io.BufferedReader',
      'java.lang.ThreadLocal',
      'org.slf4j.LoggerFactory',
      'javax.servlet.jsp.PageContext',
      'javax.servlet.',
      'com.acme.java.sql.Connection',
    ];
    expect(never.filter(notSerializableLibraryType)).toEqual(never);
    expect(fine.filter(notSerializableLibraryType)).toEqual([]);
  });
});
