// A generated tree with the proportions of a large legacy web app: per 100 Java files about 60 JSP pages, 40 XML files
// of several kinds, 20 properties files and 10 jars, a tenth of the Java and a quarter of the properties in GBK. The
// code has the shapes the rules look for (sessions, JDBC, static caches, file writes, log4j), so every stage has work.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';

export const JAVA_FILES = 1500;
const MODULES = ['order', 'stock', 'finance', 'crm', 'hr', 'report', 'system', 'portal'];

/** A small deterministic generator, so that every run measures the same tree. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const servlet = (pkg: string, name: string, n: number, gbk: boolean) => {
  const methods: string[] = [];
  for (let k = 0; k < n; k++)
    methods.push(`
  ${gbk ? `// 处理第${k}步请求，保存用户状态` : `// handles step ${k} of the form`}
  protected void step${k}(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession session = request.getSession();
    UserInfo user = (UserInfo) session.getAttribute("user");
    if (user == null) {
      response.sendRedirect("login.jsp");
      return;
    }
    String id = request.getParameter("id${k}");
    List<String> rows = dao.find${k}(id, user.getName());
    session.setAttribute("rows${k}", rows);
    COUNTS.put("step${k}", COUNTS.containsKey("step${k}") ? COUNTS.get("step${k}") + 1 : 1);
    log.info("${gbk ? '查询完成' : 'query done'}: " + rows.size());
    request.getRequestDispatcher("/WEB-INF/jsp/${name.toLowerCase()}${k}.jsp").forward(request, response);
  }`);
  return `package ${pkg};

import java.io.*;
import java.util.*;
import javax.servlet.*;
import javax.servlet.http.*;
import org.apache.log4j.Logger;

public class ${name} extends HttpServlet {
  private static final Logger log = Logger.getLogger(${name}.class);
  private static final Map<String, Integer> COUNTS = new HashMap<String, Integer>();
  private ${name}Dao dao = new ${name}Dao();

  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    String action = request.getParameter("action");
    if ("export".equals(action)) {
      File dir = new File(getServletContext().getRealPath("/export"));
      dir.mkdirs();
      PrintWriter out = new PrintWriter(new FileWriter(new File(dir, action + ".csv")));
      out.println("${gbk ? '编号,名称' : 'id,name'}");
      out.close();
    }
    step0(request, response);
  }
${methods.join('\n')}
}
`;
};

const dao = (pkg: string, name: string, n: number) => {
  const methods: string[] = [];
  for (let k = 0; k < n; k++)
    methods.push(`
  public List<String> find${k}(String id, String owner) {
    List<String> out = new ArrayList<String>();
    Connection c = null;
    PreparedStatement ps = null;
    try {
      c = DriverManager.getConnection(URL, "erp", "erp123");
      ps = c.prepareStatement("select name from t_${name.toLowerCase()}_${k} where id = ? and owner = ?");
      ps.setString(1, id);
      ps.setString(2, owner);
      ResultSet rs = ps.executeQuery();
      while (rs.next()) out.add(rs.getString(1));
    } catch (SQLException e) {
      e.printStackTrace();
    } finally {
      close(ps, c);
    }
    return out;
  }`);
  return `package ${pkg};

import java.sql.*;
import java.util.*;

public class ${name}Dao {
  private static final String URL = "jdbc:oracle:thin:@192.168.10.${n}:1521:ERP";
${methods.join('\n')}

  private void close(Statement s, Connection c) {
    try {
      if (s != null) s.close();
      if (c != null) c.close();
    } catch (SQLException ignored) {
    }
  }
}
`;
};

const util = (pkg: string, name: string, n: number) => {
  const methods: string[] = [];
  for (let k = 0; k < n; k++)
    methods.push(`
  public static String format${k}(Object value, int width) {
    StringBuffer sb = new StringBuffer();
    String s = value == null ? "" : value.toString();
    for (int i = s.length(); i < width; i++) sb.append(' ');
    return sb.append(s).toString();
  }`);
  return `package ${pkg};

import java.util.*;

public final class ${name}Util {
  private ${name}Util() {
  }
${methods.join('\n')}
}
`;
};

const jsp = (
  k: number,
  gbk: boolean,
) => `<%@ page contentType="text/html; charset=${gbk ? 'GBK' : 'UTF-8'}" import="java.util.*" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<jsp:useBean id="cart${k}" class="com.acme.erp.Cart" scope="session" />
<html>
<head><title>${gbk ? '订单列表' : 'Orders'} ${k}</title></head>
<body>
<%
  List rows = (List) session.getAttribute("rows${k}");
  if (rows == null) {
    rows = new ArrayList();
    session.setAttribute("rows${k}", rows);
  }
  String user = (String) session.getAttribute("userName");
%>
<c:set var="page" value="${k}" scope="session" />
<table>
<% for (int i = 0; i < rows.size(); i++) { %>
  <tr><td><%= i %></td><td><%= rows.get(i) %></td><td><%= user %></td></tr>
<% } %>
</table>
<jsp:include page="/common/footer.jsp" />
</body>
</html>
`;

const XML_KINDS = [
  (m: string, k: number) => `<?xml version="1.0" encoding="UTF-8"?>
<beans xmlns="http://www.springframework.org/schema/beans">
  <bean id="dataSource${k}" class="org.apache.commons.dbcp.BasicDataSource" destroy-method="close">
    <property name="driverClassName" value="oracle.jdbc.OracleDriver" />
    <property name="url" value="jdbc:oracle:thin:@10.1.${k % 250}.5:1521:ERP" />
    <property name="username" value="${m}" />
    <property name="password" value="${m}_pwd" />
  </bean>
  <bean id="${m}Service${k}" class="com.acme.erp.${m}.${m}Service${k}" init-method="init" />
</beans>
`,
  (m: string, k: number) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE struts-config PUBLIC "-//Apache Software Foundation//DTD Struts Configuration 1.2//EN"
  "http://jakarta.apache.org/struts/dtds/struts-config_1_2.dtd">
<struts-config>
  <form-beans><form-bean name="${m}Form${k}" type="com.acme.erp.${m}.${m}Form" /></form-beans>
  <action-mappings>
    <action path="/${m}/list${k}" type="com.acme.erp.${m}.ListAction" name="${m}Form${k}" scope="session">
      <forward name="success" path="/WEB-INF/jsp/${m}${k}.jsp" />
    </action>
  </action-mappings>
</struts-config>
`,
  (m: string, k: number) => `<?xml version="1.0"?>
<!DOCTYPE hibernate-mapping PUBLIC "-//Hibernate/Hibernate Mapping DTD 3.0//EN"
  "http://hibernate.sourceforge.net/hibernate-mapping-3.0.dtd">
<hibernate-mapping package="com.acme.erp.${m}">
  <class name="${m}Entity${k}" table="T_${m.toUpperCase()}_${k}">
    <cache usage="read-write" />
    <id name="id" column="ID"><generator class="sequence" /></id>
    <property name="name" column="NAME" />
    <property name="amount" column="AMOUNT" />
  </class>
</hibernate-mapping>
`,
  (m: string, k: number) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE log4j:configuration SYSTEM "log4j.dtd">
<log4j:configuration xmlns:log4j="http://jakarta.apache.org/log4j/">
  <appender name="FILE${k}" class="org.apache.log4j.DailyRollingFileAppender">
    <param name="File" value="D:/erp/logs/${m}${k}.log" />
    <layout class="org.apache.log4j.PatternLayout"><param name="ConversionPattern" value="%d %p %c - %m%n" /></layout>
  </appender>
  <root><priority value="info" /><appender-ref ref="FILE${k}" /></root>
</log4j:configuration>
`,
];

const properties = (m: string, k: number, gbk: boolean) =>
  gbk
    ? `# ${m} 模块配置\n${m}.title=${m}管理\n${m}.upload.dir=D:/erp/upload/${m}${k}\n${m}.page.size=20\n`
    : `# ${m} settings\njdbc.url=jdbc:mysql://10.0.${k % 250}.7:3306/${m}\njdbc.user=${m}\njdbc.password=${m}${k}\n` +
      `${m}.export.dir=/data/erp/${m}/export\n${m}.cache.size=500\n`;

function write(file: string, text: string | Buffer, gbk = false): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, gbk && typeof text === 'string' ? iconv.encode(text, 'gbk') : text);
}

function generate(dir: string): void {
  const rnd = random(20261129);
  const web = path.join(dir, 'WebRoot');
  write(
    path.join(web, 'WEB-INF/web.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<web-app version="2.4">\n  <session-config><session-timeout>30</session-timeout></session-config>\n</web-app>\n`,
  );
  for (let i = 0; i < JAVA_FILES; i++) {
    const m = MODULES[i % MODULES.length];
    const pkg = `com.acme.erp.${m}`;
    const src = path.join(dir, 'src', ...pkg.split('.'));
    const gbk = i % 10 === 3;
    const n = 4 + Math.floor(rnd() * 8);
    const name = `${m[0].toUpperCase()}${m.slice(1)}${i}`;
    const kind = i % 3;
    const text =
      kind === 0 ? servlet(pkg, `${name}Servlet`, n, gbk) : kind === 1 ? dao(pkg, name, n) : util(pkg, name, n);
    const file = kind === 0 ? `${name}Servlet.java` : kind === 1 ? `${name}Dao.java` : `${name}Util.java`;
    write(path.join(src, file), text, gbk);
    if (i % 5 < 3) write(path.join(web, 'WEB-INF/jsp', m, `${name.toLowerCase()}.jsp`), jsp(i, gbk), gbk);
    if (i % 5 < 2) {
      const xml = XML_KINDS[i % XML_KINDS.length](m, i);
      const xmlName = ['applicationContext', 'struts-config', 'entity', 'log4j'][i % XML_KINDS.length];
      write(path.join(web, 'WEB-INF/conf', m, `${xmlName}-${i}.xml`), xml);
    }
    if (i % 5 === 0) write(path.join(src, `${m}-${i}.properties`), properties(m, i, i % 20 === 5), i % 20 === 5);
    if (i % 10 === 0) {
      // a jar's bytes: listed by the scan, never read (its name carries the version)
      const bytes = Buffer.alloc(4096 + Math.floor(rnd() * 60000), i & 0xff);
      write(path.join(web, 'WEB-INF/lib', `acme-${m}-lib-${i}-1.${i % 7}.jar`), bytes);
    }
  }
}

/** The generated tree under the bench's cache folder, made on first use. */
export function legacyTree(cache: string): string {
  const dir = path.join(cache, 'legacy-erp');
  if (existsSync(path.join(dir, 'WebRoot'))) return dir;
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  generate(tmp);
  renameSync(tmp, dir);
  return dir;
}
