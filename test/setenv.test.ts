import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess, type Assessment } from '../analyzers/assess/assess.js';
import type { AppSettings } from '../analyzers/settings/types.js';
import { generateArtifacts } from '../generators/deploy/generate.js';
import { systemProperties } from '../generators/deploy/setenv.js';
import { bundledRules, removeTree, ROOT } from './helpers.js';

const CACHE = path.join(ROOT, '.cache/tomcat');
const CATALINA_PROPERTIES = 'common.loader="${catalina.base}/lib","${catalina.base}/lib/*.jar"\n';

// values that cut the java command when passed unquoted through catalina.sh's eval
const VALUES = {
  SQLSERVER_URL: 'jdbc:sqlserver://db1:1433;DatabaseName=erp;SelectMethod=Cursor',
  MYSQL_URL: 'jdbc:mysql://db2/shop?useUnicode=true&characterEncoding=GBK|x',
  GREETING: `it's "quoted" with $HOME, \`date\` and a \\ backslash`,
  DB_PASSWORD: `p;w'd"$x\\y & z`,
};

const SETTINGS: AppSettings = {
  env: [{ name: 'SQLSERVER_URL' }, { name: 'MYSQL_URL' }, { name: 'GREETING' }, { name: 'DB_PASSWORD', secret: true }],
  javaSystemProperties: {
    'jdbc.erp.url': '${SQLSERVER_URL}',
    'jdbc.shop.url': '${MYSQL_URL}',
    'app.greeting': '${GREETING}',
    'jdbc.erp.password': '${DB_PASSWORD}',
    LOG_DIR: '${LOG_DIR:-/logs}',
  },
};

let shop: Assessment;

beforeAll(async () => {
  // Debian's real scripts: tomcat10 from bookworm, tomcat9 from bullseye (downloaded once, cached)
  execFileSync('bash', [path.join(ROOT, 'test/fetch-tomcat-scripts.sh')], { stdio: 'inherit' });
  shop = await assess(path.join(ROOT, 'fixtures/servlet-shop'), bundledRules(), { threads: 0 });
}, 180_000);

function setenvOf(a: Assessment, cfg: AppSettings): string {
  const g = generateArtifacts(a, cfg, { outRel: 'deploy' });
  return g.files.find((f) => f.name === 'setenv.sh')!.text;
}

/**
 * A Tomcat home with the real scripts, the generated setenv.sh and a stand-in `java` that writes each argument
 * it gets, NUL-terminated, to $ARGV_FILE. `unquoted` makes catalina.sh pass the options to eval unquoted, as
 * Tomcat 7's does.
 */
function tomcatHome(version: string, setenv: string, unquoted = false): { home: string; jre: string } {
  const home = mkdtempSync(path.join(os.tmpdir(), `paasport-setenv${version}-`));
  cpSync(path.join(CACHE, version), home, { recursive: true });
  for (const d of ['logs', 'temp', 'conf', 'lib']) mkdirSync(path.join(home, d), { recursive: true });
  writeFileSync(path.join(home, 'conf/catalina.properties'), CATALINA_PROPERTIES);
  writeFileSync(path.join(home, 'bin/bootstrap.jar'), '');
  writeFileSync(path.join(home, 'bin/tomcat-juli.jar'), '');
  writeFileSync(path.join(home, 'bin/setenv.sh'), setenv);
  if (unquoted) {
    const script = path.join(home, 'bin/catalina.sh');
    const text = readFileSync(script, 'utf8');
    expect(text).toContain('"$JAVA_OPTS" "$CATALINA_OPTS"');
    writeFileSync(script, text.replaceAll('"$JAVA_OPTS" "$CATALINA_OPTS"', '$JAVA_OPTS $CATALINA_OPTS'));
  }
  const jre = path.join(home, 'jre');
  mkdirSync(path.join(jre, 'bin'), { recursive: true });
  writeFileSync(
    path.join(jre, 'bin/java'),
    '#!/bin/sh\numask > "$ARGV_FILE.umask"\nfor a in "$@"; do printf \'%s\\0\' "$a"; done > "$ARGV_FILE"\n',
  );
  chmodSync(path.join(jre, 'bin/java'), 0o755);
  return { home, jre };
}

/** Runs `catalina.sh run` and returns the arguments java got. */
function javaArgs(home: string, jre: string, env: Record<string, string>): string[] {
  const argvFile = path.join(home, 'argv');
  const r = spawnSync('sh', [path.join(home, 'bin/catalina.sh'), 'run'], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      CATALINA_HOME: home,
      CATALINA_BASE: home,
      JRE_HOME: jre,
      ARGV_FILE: argvFile,
      ...env,
    },
    timeout: 20_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(argvFile, 'utf8').split('\0').slice(0, -1);
}

/** A value of a .properties line as java.util.Properties reads it (the escapes setenv.sh writes). */
const propertyValue = (line: string) =>
  line.replace(/^[^=]*=/, '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

for (const version of ['9', '10']) {
  for (const unquoted of [false, true]) {
    const layout = unquoted ? 'passing CATALINA_OPTS unquoted (Tomcat 7)' : 'as shipped';
    describe(`setenv.sh with the catalina.sh of Debian's tomcat${version}, ${layout}`, () => {
      it('every -D option reaches java whole; the secret reaches Tomcat but not the command line', () => {
        const { home, jre } = tomcatHome(version, setenvOf(shop, SETTINGS), unquoted);
        try {
          const args = javaArgs(home, jre, { ...VALUES, TZ: 'Asia/Shanghai', LOG_DIR: '/data/app logs', HOST: 'a7' });
          expect(args).toContain(`-Djdbc.erp.url=${VALUES.SQLSERVER_URL}`);
          expect(args).toContain(`-Djdbc.shop.url=${VALUES.MYSQL_URL}`);
          expect(args).toContain(`-Dapp.greeting=${VALUES.GREETING}`);
          expect(args).toContain('-DLOG_DIR=/data/app logs');
          expect(args).toContain('-DHOST=a7');
          expect(args).toContain('-Duser.timezone=Asia/Shanghai');
          expect(args).toContain('-XX:MaxRAMPercentage=75.0');
          expect(args.at(-1)).toBe('start');
          expect(args.join(' ')).not.toContain('p;w');

          const config = path.join(home, 'conf/catalina-env.properties');
          expect(args).toContain(`-Dcatalina.config=file:${config}`);
          const text = readFileSync(config, 'utf8');
          expect(text.startsWith(CATALINA_PROPERTIES)).toBe(true);
          const line = text.split('\n').find((l) => l.startsWith('jdbc.erp.password='))!;
          expect(propertyValue(line)).toBe(VALUES.DB_PASSWORD);
          expect(statSync(config).mode & 0o077).toBe(0);
        } finally {
          removeTree(home);
        }
      });
    });
  }
}

describe('setenv.sh and the files Tomcat writes', () => {
  it('Tomcat runs with umask 0022 (its own default, 0027, hides the logs from a shipper of another uid)', () => {
    const { home, jre } = tomcatHome('9', setenvOf(shop, {}));
    try {
      javaArgs(home, jre, {});
      expect(readFileSync(path.join(home, 'argv.umask'), 'utf8').trim()).toBe('0022');
      javaArgs(home, jre, { UMASK: '0027' }); // a platform that wants otherwise still can
      expect(readFileSync(path.join(home, 'argv.umask'), 'utf8').trim()).toBe('0027');
    } finally {
      removeTree(home);
    }
  });
});

/** What java.util.Properties reads for a key of a file (it reads ISO-8859-1 and \\uXXXX), as UTF-8 hex. */
function javaReads(file: string, key: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-props-'));
  try {
    const src =
      'import java.io.*; import java.util.*;\n' +
      'public class Read { public static void main(String[] a) throws Exception {\n' +
      '  Properties p = new Properties(); try (InputStream in = new FileInputStream(a[0])) { p.load(in); }\n' +
      '  StringBuilder h = new StringBuilder(); for (byte b : p.getProperty(a[1]).getBytes("UTF-8")) ' +
      'h.append(String.format("%02x", b)); System.out.print(h); } }\n';
    writeFileSync(path.join(dir, 'Read.java'), src);
    return execFileSync('java', [path.join(dir, 'Read.java'), file, key], { encoding: 'utf8' });
  } finally {
    removeTree(dir);
  }
}

describe('secrets as Tomcat reads them', () => {
  it('a secret beyond ASCII (accents, CJK, an emoji), with backslashes and line breaks, reaches Java as it was', () => {
    const { home, jre } = tomcatHome('9', setenvOf(shop, SETTINGS));
    try {
      const password = ' Pässwörd\\密码😀\nline2\\u0041';
      javaArgs(home, jre, { ...VALUES, DB_PASSWORD: password });
      const file = path.join(home, 'conf/catalina-env.properties');
      // all of it ASCII, as Java reads ISO-8859-1
      expect([...readFileSync(file)].filter((b) => b > 0x7f)).toEqual([]);
      expect(javaReads(file, 'jdbc.erp.password')).toBe(Buffer.from(password).toString('hex'));
    } finally {
      removeTree(home);
    }
  });
});

describe('setenv.sh with secrets, where things go wrong', () => {
  it('Marathon 1.1: the fetched env file is read as written, a password with quote, $, & and spaces included', () => {
    const cfg: AppSettings = { ...SETTINGS, marathon: { version: '1.1' } };
    const { home, jre } = tomcatHome('9', setenvOf(shop, cfg));
    const sandbox = mkdtempSync(path.join(os.tmpdir(), 'paasport-sandbox-'));
    try {
      const password = "it's$ecret & more `x`";
      writeFileSync(
        path.join(sandbox, 'servlet-shop.secrets.env'),
        `# from the secret store\nDB_PASSWORD=${password}\n`,
      );
      const { DB_PASSWORD: _unset, ...plain } = VALUES;
      const args = javaArgs(home, jre, { ...plain, MESOS_SANDBOX: sandbox });
      expect(args.join(' ')).not.toContain('ecret');
      const text = readFileSync(path.join(home, 'conf/catalina-env.properties'), 'utf8');
      const line = text.split('\n').find((l) => l.startsWith('jdbc.erp.password='))!;
      expect(propertyValue(line)).toBe(password);
    } finally {
      removeTree(home);
      removeTree(sandbox);
    }
  });

  it('an env file of secrets the image user cannot read: Tomcat does not start, and the log says why', () => {
    const { home, jre } = tomcatHome('9', setenvOf(shop, SETTINGS));
    const sandbox = mkdtempSync(path.join(os.tmpdir(), 'paasport-sandbox-'));
    try {
      const secrets = path.join(sandbox, 'servlet-shop.secrets.env');
      writeFileSync(secrets, 'DB_PASSWORD=x\n', { mode: 0o600 }); // fetched by a root Mesos agent
      for (const d of [home, sandbox]) execFileSync('chmod', ['-R', 'a+rX', d]);
      chmodSync(secrets, 0o600);
      // as the image's user would: an unprivileged uid (root reads any file)
      const r = spawnSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', `${home}/bin/catalina.sh`, 'run'],
        {
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            CATALINA_HOME: home,
            CATALINA_BASE: home,
            JRE_HOME: jre,
            MESOS_SANDBOX: sandbox,
          },
          timeout: 20_000,
        },
      );
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`${secrets} is not readable by`);
      expect(r.stderr).toContain('(uid 65534)');
    } finally {
      removeTree(home);
      removeTree(sandbox);
    }
  });

  it('no conf/catalina.properties to copy: Tomcat does not start, and the log says why', () => {
    const { home, jre } = tomcatHome('9', setenvOf(shop, SETTINGS));
    try {
      rmSync(path.join(home, 'conf/catalina.properties'));
      const r = spawnSync('sh', [path.join(home, 'bin/catalina.sh'), 'run'], {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          CATALINA_HOME: home,
          CATALINA_BASE: home,
          JRE_HOME: jre,
          ARGV_FILE: path.join(home, 'argv'),
          ...VALUES,
        },
        timeout: 20_000,
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('the secrets cannot be set');
      expect(existsSync(path.join(home, 'argv'))).toBe(false);
    } finally {
      removeTree(home);
    }
  });
});

describe('setenv.sh passes shellcheck', () => {
  const cases: [string, AppSettings][] = [
    ['Marathon 1.5 with secrets', SETTINGS],
    ['Marathon 1.1 (a fetched env file of secrets)', { ...SETTINGS, marathon: { version: '1.1' } }],
    ['a Java 7 image', { ...SETTINGS, baseImage: 'tomcat:7.0-jre7' }],
    ['no settings', {}],
  ];
  for (const [name, cfg] of cases) {
    it(name, () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-shellcheck-'));
      try {
        writeFileSync(path.join(dir, 'setenv.sh'), setenvOf(shop, cfg));
        const r = spawnSync('shellcheck', ['setenv.sh'], { cwd: dir, encoding: 'utf8' });
        expect(r.error, 'shellcheck must be installed (Debian package shellcheck)').toBeUndefined();
        expect(r.status, r.stdout).toBe(0);
      } finally {
        removeTree(dir);
      }
    });
  }
});

describe('which system properties are secrets', () => {
  it('by their name (pass as a part, api keys, credentials) or by the secret variable they read', () => {
    const names = ['DB_PASS', 'mail.pass', 'aws.apiKey', 'ACCESS_KEY', 'ldap.credentials', 'jdbc.pwd', 'user.pwdFile'];
    const plain = ['compass.dir', 'passenger.limit', 'bypass', 'app.url'];
    const cfg: AppSettings = {
      env: [{ name: 'SMTP_SECRET_VALUE', secret: true }],
      javaSystemProperties: {
        ...Object.fromEntries([...names, ...plain].map((n) => [n, 'x'])),
        'smtp.auth': '${SMTP_SECRET_VALUE}',
      },
    };
    const { plain: shown, secret } = systemProperties(cfg);
    expect(secret.map((p) => p.name)).toEqual([...names, 'smtp.auth']);
    expect(shown.map((p) => p.name)).toEqual(plain);
  });
});

describe('setenv.sh on a Java 7 image', () => {
  it('sizes the heap itself and keeps an option with spaces whole; no flag Java 7 does not know', () => {
    const { home, jre } = tomcatHome('9', setenvOf(shop, { baseImage: 'tomcat:7.0-jre7' }));
    try {
      const args = javaArgs(home, jre, {});
      expect(args).toContain('-XX:OnOutOfMemoryError=kill -9 %p');
      expect(args.filter((a) => /MaxRAMPercentage|ExitOnOutOfMemoryError/.test(a))).toEqual([]);
    } finally {
      removeTree(home);
    }
  });
});

describe('the JVM charset follows the application', () => {
  it('a GBK app gets -Dfile.encoding=GBK, a UTF-8 app UTF-8', async () => {
    const forum = await assess(path.join(ROOT, 'fixtures/struts-forum'), bundledRules(), { threads: 0 });
    expect(setenvOf(forum, {})).toContain('paasport_opt "-Dfile.encoding=GBK"');
    expect(setenvOf(shop, {})).toContain('paasport_opt "-Dfile.encoding=UTF-8"');
  });

  it('GBK Java files without a build file that says so make a GBK app', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paasport-gbk-'));
    try {
      mkdirSync(path.join(dir, 'src/com/erp'), { recursive: true });
      mkdirSync(path.join(dir, 'WebRoot/WEB-INF'), { recursive: true });
      writeFileSync(path.join(dir, 'WebRoot/WEB-INF/web.xml'), '<web-app version="2.4"/>\n');
      const source = 'package com.erp;\n\npublic class Labels {\n  // 订单状态\n  String paid = "已付款";\n}\n';
      writeFileSync(path.join(dir, 'src/com/erp/Labels.java'), gbk(source));
      const a = await assess(dir, bundledRules(), { threads: 0 });
      expect(a.baseImage.fileEncoding).toBe('GBK');
    } finally {
      removeTree(dir);
    }
  });
});

/** The GBK bytes of a text (iconv, which every Debian has). */
function gbk(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}
