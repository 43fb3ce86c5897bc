// Every bundled rule with code it must flag (invalid) and look-alike code it must leave alone (valid).
// `expect` lists the file:line of each finding the invalid tree must produce for that rule.

export interface RuleCase {
  valid: Record<string, string>;
  invalid: Record<string, string>;
  expect: string[];
}

const servlet = (body: string, imports = '') => `package app;
import javax.servlet.http.*;
import javax.servlet.*;
${imports}
public class S extends HttpServlet {
${body}
}
`;

export const RULE_CASES: Record<string, RuleCase> = {
  'session-attribute-write': {
    invalid: {
      'A.java': servlet(`  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    req.getSession().setAttribute("u", "x");
  }`),
      'B.java': `package app;
import jakarta.servlet.http.HttpSession;
class B { void f(HttpSession s) { s.putValue("k", "v"); } }
`,
    },
    expect: ['A.java:7', 'B.java:3'],
    valid: {
      'A.java': servlet(`  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    req.setAttribute("u", "x");
    java.util.Map<String, String> m = new java.util.HashMap<String, String>();
    m.put("a", "b");
    req.getSession().getAttribute("u");
  }`),
      'B.java': `package app;
class Other { void setAttribute(String a, Object b) {} }
class B { void f(Other s) { s.setAttribute("k", "v"); } }
`,
    },
  },
  'session-attribute-not-serializable': {
    invalid: {
      'Bean.java': 'package app;\npublic class Bean { String name; }\n',
      'Sub.java': 'package app;\npublic class Sub extends Bean {}\n',
      'A.java': servlet(`  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    HttpSession s = req.getSession();
    s.setAttribute("bean", new Bean());
    Sub sub = new Sub();
    s.setAttribute("sub", sub);
  }`),
    },
    expect: ['A.java:8', 'A.java:10'],
    valid: {
      'Bean.java':
        'package app;\nimport java.io.Serializable;\npublic class Bean implements Serializable { String name; }\n',
      'Sub.java': 'package app;\npublic class Sub extends Bean {}\n',
      'Ext.java': 'package app;\npublic class Ext extends java.util.ArrayList<String> {}\n',
      'A.java': servlet(`  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    HttpSession s = req.getSession();
    s.setAttribute("bean", new Bean());
    s.setAttribute("sub", new Sub());
    s.setAttribute("ext", new Ext());
    s.setAttribute("str", "text");
  }`),
    },
  },
  'session-scoped-spring-bean': {
    invalid: {
      'ctx.xml': '<beans>\n  <bean id="a" class="x.A" scope="session"/>\n</beans>\n',
      'C.java':
        'package app;\nimport org.springframework.web.bind.annotation.SessionAttributes;\n@SessionAttributes("form")\npublic class C {}\n',
      'D.java':
        'package app;\nimport org.springframework.context.annotation.Scope;\n@Scope("session")\npublic class D {}\n',
    },
    expect: ['ctx.xml:2', 'C.java:3', 'D.java:3'],
    valid: {
      'ctx.xml':
        '<beans>\n  <bean id="a" class="x.A" scope="prototype"/>\n  <!-- <bean id="b" class="x.B" scope="session"/> -->\n</beans>\n',
      'D.java':
        'package app;\nimport org.springframework.context.annotation.Scope;\n@Scope("prototype")\npublic class D {}\n',
    },
  },
  'session-scoped-struts-form': {
    invalid: {
      'WEB-INF/struts-config.xml':
        '<struts-config><action-mappings>\n<action path="/a" name="f" scope="session"/>\n<action path="/b" name="g"/>\n</action-mappings></struts-config>\n',
    },
    expect: ['WEB-INF/struts-config.xml:2', 'WEB-INF/struts-config.xml:3'],
    valid: {
      'WEB-INF/struts-config.xml':
        '<struts-config><action-mappings>\n<action path="/a" name="f" scope="request"/>\n<action path="/b" forward="/x.jsp"/>\n</action-mappings></struts-config>\n',
    },
  },
  'session-scoped-jsf-ejb': {
    invalid: {
      'A.java':
        'package app;\nimport javax.enterprise.context.SessionScoped;\n@SessionScoped\npublic class A implements java.io.Serializable {}\n',
      'B.java': 'package app;\n@javax.ejb.Stateful\npublic class B {}\n',
    },
    expect: ['A.java:3', 'B.java:2'],
    valid: {
      'A.java': 'package app;\nimport javax.enterprise.context.RequestScoped;\n@RequestScoped\npublic class A {}\n',
      'B.java': 'package app;\n@javax.ejb.Stateless\npublic class B {}\n',
    },
  },
  'servlet-context-attribute-write': {
    invalid: {
      'A.java': servlet(`  protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
    getServletContext().setAttribute("hits", 1);
    req.getServletContext().setAttribute("last", "x");
  }`),
    },
    expect: ['A.java:7', 'A.java:8'],
    valid: {
      'A.java': servlet(`  public void init() { getServletContext().setAttribute("started", "now"); }`),
      'L.java': `package app;
import javax.servlet.*;
public class L implements ServletContextListener {
  public void contextInitialized(ServletContextEvent e) { e.getServletContext().setAttribute("a", "b"); }
  public void contextDestroyed(ServletContextEvent e) {}
}
`,
    },
  },
  'tomcat-persistent-manager': {
    invalid: {
      'META-INF/context.xml':
        '<Context>\n  <Manager className="org.apache.catalina.session.PersistentManager">\n    <Store className="org.apache.catalina.session.FileStore"/>\n  </Manager>\n</Context>\n',
    },
    expect: ['META-INF/context.xml:2'],
    valid: {
      'META-INF/context.xml':
        '<Context>\n  <Manager className="org.redisson.tomcat.RedissonSessionManager"/>\n  <!-- <Manager className="org.apache.catalina.session.PersistentManager"/> -->\n</Context>\n',
    },
  },
  'tomcat-cluster': {
    invalid: {
      'conf/server.xml':
        '<Server><Service><Engine>\n<Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster"/>\n</Engine></Service></Server>\n',
    },
    expect: ['conf/server.xml:2'],
    valid: {
      'conf/server.xml':
        '<Server><Service><Engine>\n<!-- <Cluster className="org.apache.catalina.ha.tcp.SimpleTcpCluster"/> -->\n</Engine></Service></Server>\n',
    },
  },
  'webapp-distributable': {
    invalid: {
      'a/WEB-INF/web.xml':
        '<!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "http://java.sun.com/dtd/web-app_2_3.dtd">\n<web-app>\n<distributable/>\n</web-app>\n',
      'b/WEB-INF/web.xml':
        '<web-app xmlns="http://java.sun.com/xml/ns/j2ee" version="2.4">\n<distributable/>\n</web-app>\n',
      'c/WEB-INF/web.xml':
        '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="3.0">\n<distributable/>\n</web-app>\n',
      'd/WEB-INF/web.xml':
        '<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">\n<distributable/>\n</web-app>\n',
      'e/WEB-INF/web.xml':
        '<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="5.0">\n<distributable/>\n</web-app>\n',
    },
    expect: [
      'a/WEB-INF/web.xml:3',
      'b/WEB-INF/web.xml:2',
      'c/WEB-INF/web.xml:2',
      'd/WEB-INF/web.xml:2',
      'e/WEB-INF/web.xml:2',
    ],
    valid: {
      'WEB-INF/web.xml':
        '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="3.0">\n<!-- <distributable/> -->\n<display-name>x</display-name>\n</web-app>\n',
    },
  },
  'static-mutable-state': {
    invalid: {
      'A.java': `package app;
import java.util.*;
import java.util.concurrent.atomic.AtomicLong;
public class A {
  private static final Map<String, Object> CACHE = new HashMap<String, Object>();
  private static int hits;
  static final AtomicLong COUNTER = new AtomicLong();
  public void serve(String k, Object v) {
    CACHE.put(k, v);
    hits++;
    COUNTER.incrementAndGet();
  }
}
`,
      'B.java': `package app;
import java.util.*;
public class B {
  public static List<String> online = new ArrayList<String>();
}
`,
      'C.java': `package app;
public class C { void login(String u) { B.online.add(u); } }
`,
    },
    expect: ['A.java:5', 'A.java:6', 'A.java:7', 'B.java:4'],
    valid: {
      'A.java': `package app;
import java.util.*;
public class A {
  private static final Map<String, String> CODES = new HashMap<String, String>();
  private static final org.slf4j.Logger LOG = null;
  private static A instance;
  private static final int MAX = 10;
  private static boolean started;
  private static javax.sql.DataSource dataSource;
  private static int poolSize;
  public static void init(javax.sql.DataSource ds) { dataSource = ds; started = true; poolSize = 5; }
  static {
    CODES.put("CN", "China");
    CODES.put("US", "United States");
  }
  public static A get() { if (instance == null) { instance = new A(); } return instance; }
  public String code(String k) { Map<String, String> local = new HashMap<String, String>(); local.put(k, k); return CODES.get(k); }
}
`,
    },
  },
  'embedded-cache': {
    invalid: {
      'A.java':
        'package app;\nimport net.sf.ehcache.CacheManager;\nimport net.sf.ehcache.Element;\npublic class A { CacheManager m; }\n',
      'pom.xml':
        '<project>\n<dependencies>\n<dependency><groupId>net.sf.ehcache</groupId><artifactId>ehcache</artifactId><version>2.10.6</version></dependency>\n</dependencies>\n</project>\n',
    },
    expect: ['A.java:2', 'pom.xml:3'],
    valid: {
      'A.java':
        'package app;\nimport java.util.concurrent.ConcurrentHashMap;\npublic class A { ConcurrentHashMap<String, String> m; }\n',
      'pom.xml':
        '<project>\n<dependencies>\n<dependency><groupId>redis.clients</groupId><artifactId>jedis</artifactId></dependency>\n</dependencies>\n</project>\n',
    },
  },
  'cache-disk-store': {
    invalid: {
      'src/ehcache.xml':
        '<ehcache>\n  <diskStore path="java.io.tmpdir"/>\n  <defaultCache maxElementsInMemory="100"/>\n</ehcache>\n',
    },
    expect: ['src/ehcache.xml:2'],
    valid: {
      'src/ehcache.xml':
        '<ehcache>\n  <!-- <diskStore path="java.io.tmpdir"/> -->\n  <defaultCache maxElementsInMemory="100" overflowToDisk="false"/>\n</ehcache>\n',
    },
  },
  'local-file-write': {
    invalid: {
      'A.java': `package app;
import java.io.*;
import java.nio.file.*;
public class A {
  void save(File f, byte[] b) throws IOException {
    OutputStream o = new FileOutputStream(f);
    Writer w = new FileWriter("out.txt");
    Files.write(Paths.get("x"), b);
    RandomAccessFile r = new RandomAccessFile(f, "rw");
  }
}
`,
    },
    expect: ['A.java:6', 'A.java:7', 'A.java:8', 'A.java:9'],
    valid: {
      'A.java': `package app;
import java.io.*;
import java.nio.file.*;
public class A {
  void read(File f) throws IOException {
    InputStream i = new FileInputStream(f);
    Reader r = new FileReader(f);
    byte[] b = Files.readAllBytes(Paths.get("x"));
    RandomAccessFile raf = new RandomAccessFile(f, "r");
    java.net.URL u = new java.net.URL("file:///tmp/x");
  }
}
`,
    },
  },
  'upload-to-local-disk': {
    invalid: {
      'A.java': `package app;
import org.apache.commons.fileupload.disk.DiskFileItemFactory;
import org.apache.commons.fileupload.FileItem;
import org.springframework.web.multipart.MultipartFile;
public class A {
  void up(MultipartFile mf, FileItem item, java.io.File dest) throws Exception {
    DiskFileItemFactory factory = new DiskFileItemFactory();
    mf.transferTo(dest);
    item.write(dest);
  }
}
`,
    },
    expect: ['A.java:7', 'A.java:8', 'A.java:9'],
    valid: {
      'A.java': `package app;
import org.springframework.web.multipart.MultipartFile;
public class A {
  byte[] up(MultipartFile mf) throws Exception { return mf.getBytes(); }
}
`,
    },
  },
  'real-path-write': {
    invalid: {
      'A.java':
        servlet(`  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
    String dir = req.getRealPath("/upload");
    new java.io.File(dir).mkdirs();
    java.io.OutputStream o = new java.io.FileOutputStream(dir + "/a.txt");
  }`),
    },
    expect: ['A.java:7'],
    valid: {
      'A.java':
        servlet(`  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
    java.io.InputStream in = new java.io.FileInputStream(getServletContext().getRealPath("/sheets/a.pdf"));
    resp.getOutputStream().write(new byte[1]);
  }
  void other() throws java.io.IOException { new java.io.FileOutputStream("/tmp/x"); }`),
    },
  },
  'absolute-path': {
    invalid: {
      'A.java':
        'package app;\npublic class A {\n  String a = "D:/app/uploadPath";\n  String b = "/home/someone/logs";\n}\n',
      'app.properties': 'upload.dir=/data/upload\n',
    },
    expect: ['A.java:3', 'A.java:4', 'app.properties:1'],
    valid: {
      'A.java':
        'package app;\npublic class A {\n  String a = "/login.do";\n  String b = "upload/";\n  // String c = "/home/old";\n}\n',
      'app.properties': 'upload.dir=${UPLOAD_DIR}\nmapping=/user/list\n',
    },
  },
  'hardcoded-ip': {
    invalid: {
      'A.java':
        'package app;\npublic class A {\n  String host = "10.0.0.5";\n  String url = "http://192.168.1.20:8080/api";\n}\n',
      'src/test/java/app/ATest.java': 'package app;\npublic class ATest { String ip = "10.9.9.9"; }\n',
      'app.properties': 'redis.host=10.20.1.5\n',
      'conf.xml': '<config>\n  <server>172.16.0.3</server>\n</config>\n',
    },
    expect: ['A.java:3', 'A.java:4', 'app.properties:1', 'conf.xml:2'],
    valid: {
      'A.java': `package app;
public class A {
  String jar = "castor-0.9.5.1-xml.jar";
  String ua = "Mozilla/5.0 (X11; Linux 2.6.27.21)";
  String oid = "1.3.6.1.4.1.311";
  String local = "127.0.0.1";
  String version = "v1.2.3.4-beta";
  // String old = "10.0.0.9";
}
`,
      'app.properties': '#redis.host=10.20.1.4\nversion=2.6.27.21-build\nlocal=127.0.0.1\n',
      'conf.xml': '<config>\n  <!-- <server>172.16.0.3</server> -->\n  <lib>castor-0.9.5.1.jar</lib>\n</config>\n',
      'pom.xml':
        '<project>\n  <dependencies><dependency><artifactId>c3p0</artifactId><version>0.9.1.2</version></dependency></dependencies>\n</project>\n',
    },
  },
  'hardcoded-jdbc-url': {
    invalid: {
      'A.java': 'package app;\npublic class A {\n  String u = "jdbc:mysql:///shop";\n}\n',
      'jdbc.properties': 'jdbc.url=jdbc:oracle:thin:@10.1.1.1:1521:orcl\n',
      'ctx.xml':
        '<beans>\n  <bean id="ds"><property name="url" value="jdbc:mysql://db.corp:3306/a"/></bean>\n</beans>\n',
    },
    expect: ['A.java:3', 'jdbc.properties:1', 'ctx.xml:2'],
    valid: {
      'A.java':
        'package app;\npublic class A {\n  String u = "jdbc:h2:mem:test";\n  // String old = "jdbc:mysql://10.0.0.1/a";\n}\n',
      'jdbc.properties': 'jdbc.url=${JDBC_URL}\n#jdbc.url=jdbc:mysql://10.0.0.1/a\n',
      'ctx.xml': '<beans>\n  <bean id="ds"><property name="url" value="${jdbc.url}"/></bean>\n</beans>\n',
    },
  },
  'hardcoded-host': {
    invalid: {
      'A.java': 'package app;\npublic class A {\n  String api = "https://api.partner-pay.cn/v2/charge";\n}\n',
      'app.properties': 'mail.smtp.host=smtp.corp-mail.cn\n',
      'ctx.xml': '<beans>\n<bean id="mail">\n  <property name="host" value="smtp.corp-mail.cn"/>\n</bean>\n</beans>\n',
    },
    expect: ['A.java:3', 'app.properties:1', 'ctx.xml:3'],
    valid: {
      'A.java':
        'package app;\npublic class A {\n  String ns = "http://www.w3.org/2001/XMLSchema-instance";\n  String local = "http://localhost:8080/";\n  String help = "Read more at http://www.vendor-forum.net";\n}\n',
      'app.properties':
        'mail.smtp.host=localhost\nsite=${SITE_URL}\nhelp=See <a href="http://www.vendor-forum.net/docs">the docs</a>\n',
      'languages/de_DE.properties': 'update.url=http://www.vendor-forum.net/latest\n',
      'ctx.xml':
        '<beans xmlns="http://www.springframework.org/schema/beans">\n<bean id="mail"><property name="host" value="${mail.host}"/></bean>\n</beans>\n',
    },
  },
  'hardcoded-credential': {
    invalid: {
      'jdbc.properties': 'jdbc.password=S3cret!\n',
      'ctx.xml': '<beans>\n<bean id="ds">\n  <property name="password" value="S3cret!"/>\n</bean>\n</beans>\n',
      'META-INF/context.xml': '<Context>\n  <Resource name="jdbc/x" password="S3cret!"/>\n</Context>\n',
      'hibernate.cfg.xml':
        '<hibernate-configuration><session-factory>\n  <property name="connection.password">S3cret!</property>\n</session-factory></hibernate-configuration>\n',
      'pom.xml':
        '<project><profiles><profile><properties>\n  <password>S3cret!</password>\n</properties></profile></profiles></project>\n',
      'A.java':
        'package app;\npublic class A {\n  static final String MAIL_PASSWORD = "S3cret!";\n  void c() throws Exception { java.sql.DriverManager.getConnection("jdbc:x", "sa", "S3cret!"); }\n}\n',
    },
    expect: [
      'jdbc.properties:1',
      'ctx.xml:3',
      'META-INF/context.xml:2',
      'hibernate.cfg.xml:2',
      'pom.xml:2',
      'A.java:3',
      'A.java:4',
    ],
    valid: {
      'jdbc.properties': 'jdbc.password=${DB_PASSWORD}\n#jdbc.password=old\npassword.minLength=8\n',
      'i18n/messages_en_US.properties': 'User.password=Password\n',
      'ApplicationResources_zh_CN.properties': 'login.password=\\u5bc6\\u7801\n',
      'ui.properties': 'label.password = Enter your password\n',
      'ctx.xml':
        '<beans>\n<bean id="ds">\n  <property name="password" value="${jdbc.password}"/>\n  <!-- <property name="password" value="old"/> -->\n</bean>\n</beans>\n',
      'app.properties': 'weixin.token=https://api.example-wx.cn/token\n',
      'A.java':
        'package app;\npublic class A {\n  static final String PASSWORD_PARAM = "password";\n  static final String PROP_RESET_PWD = "resetPwd";\n  static final String DB_PASSWORD = "database.connection.password";\n  static final String USER_LOSTPASSWORD = "lostPassword";\n  static final String PASSWORD = "password";\n  void c(String pw) throws Exception { java.sql.DriverManager.getConnection("jdbc:x", "sa", pw); }\n}\n',
    },
  },
  'hardcoded-port': {
    invalid: {
      'app.properties': 'redis.port=6379\n',
      'A.java': 'package app;\npublic class A {\n  static final int SERVER_PORT = 9090;\n}\n',
    },
    expect: ['app.properties:1', 'A.java:3'],
    valid: {
      'app.properties': 'redis.port=${REDIS_PORT}\nsupport=1\n',
      'A.java': 'package app;\npublic class A {\n  static final int TIMEOUT = 9090;\n}\n',
    },
  },
  'file-logging': {
    invalid: {
      'log4j.properties':
        'log4j.rootLogger=INFO, F\nlog4j.appender.F=org.apache.log4j.RollingFileAppender\nlog4j.appender.F.File=logs/app.log\n',
      'logback.xml':
        '<configuration>\n  <appender name="R" class="ch.qos.logback.core.rolling.RollingFileAppender">\n    <file>${log.path}/app.log</file>\n  </appender>\n  <root level="INFO"><appender-ref ref="R"/></root>\n</configuration>\n',
      'log4j2.xml':
        '<Configuration>\n<Appenders>\n  <RollingFile name="RF" fileName="${sys:catalina.home}/logs/app.log" filePattern="app-%d.log"/>\n</Appenders>\n<Loggers><Root level="info"><AppenderRef ref="RF"/></Root></Loggers>\n</Configuration>\n',
      'conf/logging.properties':
        'handlers = 1catalina.org.apache.juli.AsyncFileHandler, java.util.logging.ConsoleHandler\n1catalina.org.apache.juli.AsyncFileHandler.level = FINE\n1catalina.org.apache.juli.AsyncFileHandler.directory = ${catalina.base}/logs\n',
    },
    expect: ['log4j.properties:2', 'logback.xml:2', 'log4j2.xml:3', 'conf/logging.properties:2'],
    valid: {
      'log4j.properties': 'log4j.rootLogger=INFO, C\nlog4j.appender.C=org.apache.log4j.ConsoleAppender\n',
      'logback.xml':
        '<configuration>\n  <appender name="C" class="ch.qos.logback.core.ConsoleAppender"/>\n  <root level="INFO"><appender-ref ref="C"/></root>\n</configuration>\n',
      'conf/logging.properties': 'handlers = java.util.logging.ConsoleHandler\n',
    },
  },
  'unused-file-appender': {
    invalid: {
      'log4j.properties':
        'log4j.rootLogger=INFO, C\nlog4j.appender.C=org.apache.log4j.ConsoleAppender\nlog4j.appender.OLD=org.apache.log4j.FileAppender\nlog4j.appender.OLD.File=old.log\n',
    },
    expect: ['log4j.properties:3'],
    valid: {
      'log4j.properties':
        'log4j.rootLogger=INFO, F\nlog4j.appender.F=org.apache.log4j.FileAppender\nlog4j.appender.F.File=app.log\n',
    },
  },
  'embedded-database': {
    invalid: {
      'db.properties': 'url=jdbc:h2:file:./data/app\nold=jdbc:hsqldb:file:/var/db/x\n',
      'A.java':
        'package app;\npublic class A {\n  String u = "jdbc:derby:ordersDB;create=true";\n  String s = "jdbc:sqlite:/data/app.db";\n}\n',
    },
    expect: ['db.properties:1', 'db.properties:2', 'A.java:3', 'A.java:4'],
    valid: {
      'db.properties': 'url=jdbc:h2:tcp://db-host/app\nmem=jdbc:h2:mem:test\nderby=jdbc:derby://db-host:1527/x\n',
      'A.java': 'package app;\npublic class A {\n  String u = "jdbc:mysql://db/app";\n}\n',
    },
  },
  'embedded-server': {
    invalid: {
      'A.java':
        'package app;\nimport org.apache.activemq.broker.BrokerService;\nimport org.h2.tools.Server;\npublic class A {\n  void start() throws Exception {\n    BrokerService b = new BrokerService();\n    Server.createTcpServer("-tcpPort", "9092").start();\n  }\n}\n',
    },
    expect: ['A.java:6', 'A.java:7'],
    valid: {
      'A.java':
        'package app;\nimport org.apache.activemq.ActiveMQConnectionFactory;\npublic class A {\n  Object f = new ActiveMQConnectionFactory("tcp://mq:61616");\n}\n',
    },
  },
  'local-search-index': {
    invalid: {
      'A.java':
        'package app;\nimport org.apache.lucene.store.FSDirectory;\nimport java.nio.file.Paths;\npublic class A {\n  Object d() throws Exception { return FSDirectory.open(Paths.get("/data/index")); }\n}\n',
    },
    expect: ['A.java:5'],
    valid: {
      'A.java':
        'package app;\nimport org.apache.lucene.store.ByteBuffersDirectory;\npublic class A {\n  Object d = new ByteBuffersDirectory();\n}\n',
    },
  },
  'in-memory-database': {
    invalid: {
      'application.properties': 'spring.datasource.url=jdbc:h2:mem:demo\n',
      'ctx.xml': '<beans>\n<bean><property name="url" value="jdbc:hsqldb:mem:x"/></bean>\n</beans>\n',
    },
    expect: ['application.properties:1', 'ctx.xml:2'],
    valid: { 'application.properties': 'spring.datasource.url=${DATABASE_URL}\n' },
  },
  'shiro-local-sessions': {
    invalid: {
      'WEB-INF/shiro.ini':
        '[main]\nsessionDAO = org.apache.shiro.session.mgt.eis.EnterpriseCacheSessionDAO\nsecurityManager.sessionManager.sessionDAO = $sessionDAO\n',
      'spring-shiro.xml':
        '<beans>\n  <bean id="sessionDAO" class="org.apache.shiro.session.mgt.eis.MemorySessionDAO"/>\n</beans>\n',
    },
    expect: ['WEB-INF/shiro.ini:2', 'spring-shiro.xml:2'],
    valid: {
      'WEB-INF/shiro.ini':
        '[main]\n# sessionDAO = org.apache.shiro.session.mgt.eis.EnterpriseCacheSessionDAO\nsessionDAO = com.acme.RedisSessionDAO\n',
      'spring-shiro.xml':
        '<beans>\n  <!-- <bean id="sessionDAO" class="org.apache.shiro.session.mgt.eis.MemorySessionDAO"/> -->\n  <bean id="sessionDAO" class="com.acme.RedisSessionDAO"/>\n</beans>\n',
    },
  },
  'home-or-temp-data': {
    invalid: {
      'A.java':
        'package app;\nimport java.io.File;\npublic class A {\n  void init() {\n    File dir = new File(System.getProperty("user.home"), "app_data");\n    dir.mkdirs();\n  }\n}\n',
    },
    expect: ['A.java:5'],
    valid: {
      'A.java':
        'package app;\nimport java.io.File;\npublic class A {\n  String home() { return System.getProperty("user.home"); }\n  void make(File d) { d.mkdirs(); }\n  String v() { return System.getProperty("java.version"); }\n}\n',
    },
  },
};
