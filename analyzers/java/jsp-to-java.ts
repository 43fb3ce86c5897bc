// A JSP page read as Java: its scriptlets, expressions and declarations in the body of a class whose service method
// declares the implicit objects (request, session, application, ...), on the lines they have in the page, so that
// the Java rules see `session.setAttribute(...)` in a page as they do in a servlet. Template text, comments and
// directives become blanks; only line breaks are kept.

const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');

/** The imports of `<%@ page import="a.*, b.C" %>` directives, wherever they are in the page. */
function pageImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<%@\s*page\b[^%]*?\bimport\s*=\s*("([^"]*)"|'([^']*)')/g))
    for (const name of (m[2] ?? m[3]).split(',')) if (/^[\w.]+(\.\*)?$/.test(name.trim())) out.push(name.trim());
  return out;
}

/** The implicit objects of a page as parameters, in the servlet namespace the page uses (javax unless jakarta). */
function implicitObjects(text: string): string {
  const ns = /\bjakarta\.servlet\b/.test(text) ? 'jakarta' : 'javax';
  return (
    `(${ns}.servlet.http.HttpServletRequest request, ${ns}.servlet.http.HttpServletResponse response, ` +
    `${ns}.servlet.http.HttpSession session, ${ns}.servlet.ServletContext application, ` +
    `${ns}.servlet.ServletConfig config, ${ns}.servlet.jsp.JspWriter out, ${ns}.servlet.jsp.PageContext pageContext, ` +
    'Object page) throws Throwable {'
  );
}

/** The Java source of a JSP page; line N of the result is line N of the page. */
export function jspToJava(text: string): string {
  const params = implicitObjects(text);
  const imports = pageImports(text)
    .map((i) => `import ${i}; `)
    .join('');
  const out: string[] = [`${imports}public class JspPage { public void _jspService${params} `];
  let declarations = 0;
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('<%', i);
    if (start < 0) {
      out.push(blank(text.slice(i)));
      break;
    }
    out.push(blank(text.slice(i, start)));
    if (text.startsWith('<%--', start)) {
      const end = text.indexOf('--%>', start + 4);
      const stop = end < 0 ? text.length : end + 4;
      out.push(blank(text.slice(start, stop)));
      i = stop;
      continue;
    }
    const end = text.indexOf('%>', start + 2);
    const stop = end < 0 ? text.length : end;
    const kind = text[start + 2];
    const code = text.slice(start + (kind === '=' || kind === '!' || kind === '@' ? 3 : 2), stop);
    if (kind === '@') out.push(blank(text.slice(start, stop + 2)));
    else if (kind === '=') out.push(`out.print(${code});`);
    // a declaration belongs to the class: the service method is closed around it and another one opened
    else if (kind === '!') out.push(`} ${code} void _jspPart${++declarations}${params}`);
    else out.push(`  ${code}  `);
    i = stop + 2;
  }
  out.push('\n}}\n');
  return out.join('');
}

/** A page with Java in it: scriptlets, expressions or declarations (a page of tags and EL alone has none). */
export const hasJavaCode = (text: string) => /<%(?!--|@)/.test(text);
