import type { LoggingFramework } from '../../config/logging.js';
import type { ConditionModule } from '../types.js';
import { boolean, objectOf, regex } from './schema-parts.js';

export interface FileAppenderCond {
  frameworks?: LoggingFramework[];
  referenced?: boolean;
  notPath?: string;
}

const FRAMEWORKS: LoggingFramework[] = ['log4j', 'log4j2', 'logback', 'jul'];

export const loggingFileAppender: ConditionModule<'logging.fileAppender', FileAppenderCond> = {
  key: 'logging.fileAppender',
  schema: objectOf<FileAppenderCond>()(
    'an appender or handler of a logging configuration that writes to a file; the value is its path',
    {
      frameworks: { type: 'array', items: { enum: FRAMEWORKS } },
      referenced: boolean('whether some logger uses it'),
      notPath: regex(),
    },
    [],
  ),
  evaluator(c) {
    // the appenders were found once, with the other configuration facts
    return (f, ctx) =>
      ctx.project.config.fileAppenders
        .filter((a) => a.file === f.file)
        .filter((a) => !c.frameworks || c.frameworks.includes(a.framework))
        .filter((a) => c.referenced === undefined || a.referenced === c.referenced)
        .filter((a) => !c.notPath || !ctx.regex(c.notPath).test(a.path ?? ''))
        .map((a) => ({
          file: f.file,
          line: a.line,
          column: a.column,
          value: a.path ?? a.className ?? a.name,
          detail: `${a.framework} ${a.name}`,
        }));
  },
  cases: [
    {
      name: 'a file appender a logger uses, outside the paths left alone',
      when: { 'logging.fileAppender': { frameworks: ['log4j'], referenced: true, notPath: '^\\$\\{LOG_DIR\\}' } },
      files: {
        'log4j.properties':
          'log4j.rootLogger=INFO, F\nlog4j.appender.F=org.apache.log4j.FileAppender\nlog4j.appender.F.File=app.log\n',
      },
      expect: ['log4j.properties:2'],
      lookAlike: {
        'log4j.properties':
          'log4j.rootLogger=INFO, F, C\nlog4j.appender.F=org.apache.log4j.FileAppender\n' +
          'log4j.appender.F.File=${LOG_DIR}/app.log\nlog4j.appender.C=org.apache.log4j.ConsoleAppender\n' +
          'log4j.appender.OLD=org.apache.log4j.FileAppender\nlog4j.appender.OLD.File=old.log\n',
      },
    },
  ],
};
