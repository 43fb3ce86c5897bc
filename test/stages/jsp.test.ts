import { afterEach, describe, expect, it } from 'vitest';
import { assess } from '../../analyzers/assess/assess.js';
import { jspToJava } from '../../analyzers/java/jsp-to-java.js';
import { planFixes } from '../../refactors/plan.js';
import { bundledRules, makeTree, removeTree } from '../helpers.js';

const PAGE = `<%@ page contentType="text/html;charset=UTF-8" import="java.util.*, com.acme.User" %>
<%-- the login page
     of 2009 --%>
<html><body>
<% User u = (User) request.getAttribute("user");
   session.setAttribute("user", u); %>
<p>Hello <%= u.getName() %></p>
<%! static Map<String, Integer> hits = new HashMap<String, Integer>(); %>
<% hits.put(u.getName(), 1); application.setAttribute("count", hits.size()); %>
<% if (u != null) { %> <b>admin</b> <% } %>
</body></html>
`;

const trees: string[] = [];
afterEach(() => trees.splice(0).forEach(removeTree));

describe('JSP pages read as Java', () => {
  it('keeps every line of the page on its line: code where it was, template text and comments blank', () => {
    const java = jspToJava(PAGE).split('\n');
    expect(java[0]).toMatch(
      /^import java\.util\.\*; import com\.acme\.User; public class JspPage \{ public void _jspService\(/,
    );
    expect(java[0]).toContain('javax.servlet.http.HttpSession session');
    expect(java[1].trim()).toBe('');
    expect(java[4]).toContain('User u = (User) request.getAttribute("user");');
    expect(java[5]).toContain('session.setAttribute("user", u);');
    expect(java[6].trim()).toBe('out.print( u.getName() );');
    // a declaration is a member of the class: the service method closes around it and another opens
    expect(java[7]).toMatch(
      /^\} +static Map<String, Integer> hits = new HashMap<String, Integer>\(\); +void _jspPart1\(/,
    );
    expect(java[9].replace(/\s+/g, ' ').trim()).toBe('if (u != null) { }');
  });

  it('a jakarta page gets jakarta implicit objects; a page without Java has none to read', () => {
    expect(jspToJava('<%@ page import="jakarta.servlet.http.Cookie" %><% session.invalidate(); %>')).toContain(
      'jakarta.servlet.http.HttpSession session',
    );
  });

  it('assess reports session and application writes and static state on the page lines; fix leaves pages to a person', async () => {
    const dir = makeTree({ 'WebRoot/login.jsp': PAGE, 'WebRoot/plain.jsp': '<p>${user.name}</p>\n' });
    trees.push(dir);
    const a = await assess(dir, bundledRules(), { threads: 0 });
    expect(a.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      'session-attribute-write WebRoot/login.jsp:6',
      'static-mutable-state WebRoot/login.jsp:8',
      'servlet-context-attribute-write WebRoot/login.jsp:9',
    ]);
    expect(a.notices).toEqual([]);
    // the page's Java is not a source folder of the app, nor counted as Java lines
    expect(a.build.sourceRoots).toBeUndefined();
    expect(a.stats.javaFiles).toBe(0);
    const plan = await planFixes(dir, bundledRules(), { logs: 'volume' });
    expect(plan.fixes.flatMap((f) => f.changes.map((c) => c.file)).filter((f) => f.endsWith('.jsp'))).toEqual([]);
  });
});
