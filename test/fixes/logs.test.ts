import { describe, it } from 'vitest';
import { encodeGbk } from '../helpers.js';
import { SETTINGS_HEADER, checkFix, logsOnlySettings } from './harness.js';

const LOG4J_PROPERTIES =
  'log4j.rootLogger=INFO, stdout, file\n\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n' +
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n\n' +
  'log4j.appender.file=org.apache.log4j.DailyRollingFileAppender\nlog4j.appender.file.File=/home/crm/logs/crm.log\n' +
  "log4j.appender.file.DatePattern='.'yyyy-MM-dd\nlog4j.appender.file.layout=org.apache.log4j.PatternLayout\n" +
  'log4j.appender.old=org.apache.log4j.FileAppender\nlog4j.appender.old.File=old.log\n';

const JULI =
  'handlers = 1catalina.org.apache.juli.FileHandler, 2localhost.org.apache.juli.FileHandler, java.util.logging.ConsoleHandler\n\n' +
  '1catalina.org.apache.juli.FileHandler.level = FINE\n1catalina.org.apache.juli.FileHandler.directory = ${catalina.base}/logs\n' +
  '1catalina.org.apache.juli.FileHandler.prefix = catalina.\n\n2localhost.org.apache.juli.FileHandler.level = FINE\n' +
  '2localhost.org.apache.juli.FileHandler.prefix = localhost.\n';

const LOG4J_XML =
  '<?xml version="1.0" encoding="GBK"?>\r\n<!DOCTYPE log4j:configuration SYSTEM "log4j.dtd">\r\n' +
  '<log4j:configuration xmlns:log4j="http://jakarta.apache.org/log4j/">\r\n  <!-- 日志文件 -->\r\n' +
  '  <appender name="FILE" class="org.apache.log4j.DailyRollingFileAppender">\r\n' +
  '    <param name="File" value="../logs/forum.log"/>\r\n    <param name="DatePattern" value="\'.\'yyyy-MM-dd"/>\r\n' +
  '    <layout class="org.apache.log4j.PatternLayout"/>\r\n  </appender>\r\n' +
  '  <root>\r\n    <priority value="info"/>\r\n    <appender-ref ref="FILE"/>\r\n  </root>\r\n</log4j:configuration>\r\n';

const LOGBACK =
  '<configuration>\n  <appender name="R" class="ch.qos.logback.core.rolling.RollingFileAppender">\n' +
  '    <file>/var/log/app/app.log</file>\n    <rollingPolicy class="ch.qos.logback.core.rolling.TimeBasedRollingPolicy">\n' +
  '      <fileNamePattern>/var/log/app/app.%d.log</fileNamePattern>\n    </rollingPolicy>\n' +
  '    <encoder><pattern>%msg%n</pattern></encoder>\n  </appender>\n  <root level="INFO"><appender-ref ref="R"/></root>\n' +
  '</configuration>\n';

const LOG4J2 =
  '<Configuration>\n<Appenders>\n  <RollingFile name="RF" fileName="logs/app.log" filePattern="logs/app-%d{yyyy-MM-dd}.log"/>\n' +
  '  <File name="Audit" fileName="/data/audit.log"/>\n</Appenders>\n' +
  '<Loggers><Root level="info"><AppenderRef ref="RF"/><AppenderRef ref="Audit"/></Root></Loggers>\n</Configuration>\n';

describe('logs: file appenders write under ${LOG_DIR}/${HOST}, or to the console', () => {
  it('log4j.properties to the volume; an appender no logger uses is left', async () => {
    await checkFix('logs', {
      files: { 'src/main/resources/log4j.properties': LOG4J_PROPERTIES },
      after: {
        'paasport.yaml':
          SETTINGS_HEADER +
          'env: []\n' +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  LOG_DIR: ${LOG_DIR:-/logs}\n' +
          '  HOST: ${HOST:-$(hostname)}\n' +
          'logs:\n' +
          '  mode: volume\n' +
          '  dir: /logs\n',
        'src/main/resources/log4j.properties':
          'log4j.rootLogger=INFO, stdout, file\n' +
          '\n' +
          'log4j.appender.stdout=org.apache.log4j.ConsoleAppender\n' +
          'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n' +
          '\n' +
          'log4j.appender.file=org.apache.log4j.DailyRollingFileAppender\n' +
          'log4j.appender.file.File=${LOG_DIR}/${HOST}/crm.log\n' +
          "log4j.appender.file.DatePattern='.'yyyy-MM-dd\n" +
          'log4j.appender.file.layout=org.apache.log4j.PatternLayout\n' +
          'log4j.appender.old=org.apache.log4j.FileAppender\n' +
          'log4j.appender.old.File=old.log\n',
      },
      left: ['src/main/resources/log4j.properties:10: log4j appender old is declared but no logger uses it: remove it'],
    });
  });

  it('log4j.properties to the console: a ConsoleAppender without its file settings', async () => {
    await checkFix('logs', {
      options: { logs: 'stdout' },
      files: { 'src/main/resources/log4j.properties': LOG4J_PROPERTIES },
      after: {
        'paasport.yaml': logsOnlySettings('stdout'),
        'src/main/resources/log4j.properties':
          'log4j.rootLogger=INFO, stdout, file\n' +
          '\n' +
          'log4j.appender.stdout=org.apache.log4j.ConsoleAppender\n' +
          'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n' +
          '\n' +
          'log4j.appender.file=org.apache.log4j.ConsoleAppender\n' +
          'log4j.appender.file.layout=org.apache.log4j.PatternLayout\n' +
          'log4j.appender.old=org.apache.log4j.FileAppender\n' +
          'log4j.appender.old.File=old.log\n',
      },
      left: ['src/main/resources/log4j.properties:10: log4j appender old is declared but no logger uses it: remove it'],
    });
  });

  it('JULI to the volume: a handler without a directory is left for a person', async () => {
    await checkFix('logs', {
      files: { 'conf/logging.properties': JULI },
      after: {
        'conf/logging.properties':
          'handlers = 1catalina.org.apache.juli.FileHandler, 2localhost.org.apache.juli.FileHandler, java.util.logging.ConsoleHandler\n' +
          '\n' +
          '1catalina.org.apache.juli.FileHandler.level = FINE\n' +
          '1catalina.org.apache.juli.FileHandler.directory = ${LOG_DIR}/${HOST}\n' +
          '1catalina.org.apache.juli.FileHandler.prefix = catalina.\n' +
          '\n' +
          '2localhost.org.apache.juli.FileHandler.level = FINE\n' +
          '2localhost.org.apache.juli.FileHandler.prefix = localhost.\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env: []\n' +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  LOG_DIR: ${LOG_DIR:-/logs}\n' +
          '  HOST: ${HOST:-$(hostname)}\n' +
          'logs:\n' +
          '  mode: volume\n' +
          '  dir: /logs\n',
      },
      left: [
        'conf/logging.properties: 2localhost.org.apache.juli.FileHandler writes to its default place: set 2localhost.org.apache.juli.FileHandler.directory = ${LOG_DIR}/${HOST}',
      ],
    });
  });

  it('JULI to the console: every file handler leaves the handlers list at once', async () => {
    await checkFix('logs', {
      options: { logs: 'stdout' },
      files: { 'conf/logging.properties': JULI },
      after: {
        'conf/logging.properties':
          'handlers = java.util.logging.ConsoleHandler\n' +
          '\n' +
          '1catalina.org.apache.juli.FileHandler.level = FINE\n' +
          '1catalina.org.apache.juli.FileHandler.directory = ${catalina.base}/logs\n' +
          '1catalina.org.apache.juli.FileHandler.prefix = catalina.\n' +
          '\n' +
          '2localhost.org.apache.juli.FileHandler.level = FINE\n' +
          '2localhost.org.apache.juli.FileHandler.prefix = localhost.\n',
        'paasport.yaml': logsOnlySettings('stdout'),
      },
    });
  });

  it('log4j XML in GBK with CRLF: the File param, in GBK and CRLF still', async () => {
    await checkFix('logs', {
      files: { 'WEB-INF/classes/log4j.xml': encodeGbk(LOG4J_XML) },
      after: {
        'WEB-INF/classes/log4j.xml': encodeGbk(
          '<?xml version="1.0" encoding="GBK"?>\r\n' +
            '<!DOCTYPE log4j:configuration SYSTEM "log4j.dtd">\r\n' +
            '<log4j:configuration xmlns:log4j="http://jakarta.apache.org/log4j/">\r\n' +
            '  <!-- 日志文件 -->\r\n' +
            '  <appender name="FILE" class="org.apache.log4j.DailyRollingFileAppender">\r\n' +
            '    <param name="File" value="${LOG_DIR}/${HOST}/forum.log"/>\r\n' +
            '    <param name="DatePattern" value="\'.\'yyyy-MM-dd"/>\r\n' +
            '    <layout class="org.apache.log4j.PatternLayout"/>\r\n' +
            '  </appender>\r\n' +
            '  <root>\r\n' +
            '    <priority value="info"/>\r\n' +
            '    <appender-ref ref="FILE"/>\r\n' +
            '  </root>\r\n' +
            '</log4j:configuration>\r\n',
        ),
        'paasport.yaml':
          SETTINGS_HEADER +
          'env: []\n' +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  LOG_DIR: ${LOG_DIR:-/logs}\n' +
          '  HOST: ${HOST:-$(hostname)}\n' +
          'logs:\n' +
          '  mode: volume\n' +
          '  dir: /logs\n',
      },
    });
  });

  it('log4j XML to the console: a ConsoleAppender without its file params', async () => {
    await checkFix('logs', {
      options: { logs: 'stdout' },
      files: { 'WEB-INF/classes/log4j.xml': encodeGbk(LOG4J_XML) },
      after: {
        'WEB-INF/classes/log4j.xml': encodeGbk(
          '<?xml version="1.0" encoding="GBK"?>\r\n' +
            '<!DOCTYPE log4j:configuration SYSTEM "log4j.dtd">\r\n' +
            '<log4j:configuration xmlns:log4j="http://jakarta.apache.org/log4j/">\r\n' +
            '  <!-- 日志文件 -->\r\n' +
            '  <appender name="FILE" class="org.apache.log4j.ConsoleAppender">\r\n' +
            '    <layout class="org.apache.log4j.PatternLayout"/>\r\n' +
            '  </appender>\r\n' +
            '  <root>\r\n' +
            '    <priority value="info"/>\r\n' +
            '    <appender-ref ref="FILE"/>\r\n' +
            '  </root>\r\n' +
            '</log4j:configuration>\r\n',
        ),
        'paasport.yaml': logsOnlySettings('stdout'),
      },
    });
  });

  it('logback to the volume and to the console', async () => {
    await checkFix('logs', {
      files: { 'src/main/resources/logback.xml': LOGBACK },
      after: {
        'paasport.yaml': logsOnlySettings('volume'),
        'src/main/resources/logback.xml':
          '<configuration>\n' +
          '  <appender name="R" class="ch.qos.logback.core.rolling.RollingFileAppender">\n' +
          '    <file>${LOG_DIR:-/logs}/${HOST:-localhost}/app.log</file>\n' +
          '    <rollingPolicy class="ch.qos.logback.core.rolling.TimeBasedRollingPolicy">\n' +
          '      <fileNamePattern>${LOG_DIR:-/logs}/${HOST:-localhost}/app.%d.log</fileNamePattern>\n' +
          '    </rollingPolicy>\n' +
          '    <encoder><pattern>%msg%n</pattern></encoder>\n' +
          '  </appender>\n' +
          '  <root level="INFO"><appender-ref ref="R"/></root>\n' +
          '</configuration>\n',
      },
    });
    await checkFix('logs', {
      options: { logs: 'stdout' },
      files: { 'src/main/resources/logback.xml': LOGBACK },
      after: {
        'paasport.yaml': logsOnlySettings('stdout'),
        'src/main/resources/logback.xml':
          '<configuration>\n' +
          '  <appender name="R" class="ch.qos.logback.core.ConsoleAppender">\n' +
          '    <encoder><pattern>%msg%n</pattern></encoder>\n' +
          '  </appender>\n' +
          '  <root level="INFO"><appender-ref ref="R"/></root>\n' +
          '</configuration>\n',
      },
    });
  });

  it('log4j2 to the volume; to the console it is left for a person', async () => {
    await checkFix('logs', {
      files: { 'src/main/resources/log4j2.xml': LOG4J2 },
      after: {
        'paasport.yaml': logsOnlySettings('volume'),
        'src/main/resources/log4j2.xml':
          '<Configuration>\n' +
          '<Appenders>\n' +
          '  <RollingFile name="RF" fileName="${env:LOG_DIR:-/logs}/${env:HOST:-localhost}/app.log" filePattern="${env:LOG_DIR:-/logs}/${env:HOST:-localhost}/app-%d{yyyy-MM-dd}.log"/>\n' +
          '  <File name="Audit" fileName="${env:LOG_DIR:-/logs}/${env:HOST:-localhost}/audit.log"/>\n' +
          '</Appenders>\n' +
          '<Loggers><Root level="info"><AppenderRef ref="RF"/><AppenderRef ref="Audit"/></Root></Loggers>\n' +
          '</Configuration>\n',
      },
    });
    await checkFix('logs', {
      options: { logs: 'stdout' },
      files: { 'src/main/resources/log4j2.xml': LOG4J2 },
      after: {},
      left: [
        'src/main/resources/log4j2.xml: RollingFile RF: replace it with a <Console name="RF" target="SYSTEM_OUT"> appender by hand',
        'src/main/resources/log4j2.xml: File Audit: replace it with a <Console name="Audit" target="SYSTEM_OUT"> appender by hand',
      ],
    });
  });

  it('a file name with an escaped character stays escaped in the attribute it is written back to', async () => {
    const log4j2 =
      '<Configuration>\n<Appenders>\n  <File name="R" fileName="logs/r&amp;d.log"/>\n</Appenders>\n' +
      '<Loggers><Root level="info"><AppenderRef ref="R"/></Root></Loggers>\n</Configuration>\n';
    await checkFix('logs', {
      files: { 'src/main/resources/log4j2.xml': log4j2 },
      after: {
        'paasport.yaml': logsOnlySettings('volume'),
        'src/main/resources/log4j2.xml': log4j2.replace(
          'logs/r&amp;d.log',
          '${env:LOG_DIR:-/logs}/${env:HOST:-localhost}/r&amp;d.log',
        ),
      },
    });
  });
});
