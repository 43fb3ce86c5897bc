import type { TechProfile } from './profile.js';
import type { Localized } from '../types.js';

export interface BaseImage {
  image: string; // official image and tag, e.g. tomcat:9.0-jdk8-temurin
  reason: Localized;
}

const JDKS = [8, 11, 17, 21];
// The smallest supported JDK line at or above what the code was compiled for, within what the Tomcat line accepts.
const jdkFor = (java: number, min: number) => JDKS.find((j) => j >= Math.max(java, min)) ?? 21;

/** The official image to run the app on, from its Servlet namespace, Java version and Tomcat version. */
export function recommendBaseImage(p: TechProfile): BaseImage {
  const java = Number(p.javaVersion ?? (p.servlet.namespace === 'jakarta' ? 17 : 8));
  if (p.springBoot && p.packaging === 'jar') {
    const jdk = jdkFor(java, 8);
    return {
      image: `eclipse-temurin:${jdk}-jre`,
      reason: {
        en: `a Spring Boot jar runs its own embedded server: a Java ${jdk} runtime is enough`,
        'zh-CN': `Spring Boot 可执行 jar 自带内嵌服务器：只需 Java ${jdk} 运行时`,
      },
    };
  }
  const tomcatMajor = Number(p.tomcat?.version.split('.')[0] ?? 0);
  const seen = p.tomcat
    ? {
        en: ` (Tomcat ${p.tomcat.version} seen in ${p.tomcat.evidence.ref})`,
        zh: `（在 ${p.tomcat.evidence.ref} 中发现 Tomcat ${p.tomcat.version}）`,
      }
    : { en: '', zh: '' };
  if (p.servlet.namespace === 'jakarta') {
    const servlet = Number(p.servlet.version ?? 6);
    const line = servlet >= 6.1 || tomcatMajor >= 11 ? '11.0' : '10.1';
    const jdk = jdkFor(java, line === '11.0' ? 17 : 11);
    return {
      image: `tomcat:${line}-jdk${jdk}-temurin`,
      reason: {
        en: `jakarta.servlet ${p.servlet.version ?? ''} needs Tomcat ${line}; compiled for Java ${java}${seen.en}`.replace(
          '  ',
          ' ',
        ),
        'zh-CN':
          `jakarta.servlet ${p.servlet.version ?? ''} 需要 Tomcat ${line}；编译目标 Java ${java}${seen.zh}`.replace(
            '  ',
            ' ',
          ),
      },
    };
  }
  const jdk = jdkFor(java, 8);
  const older = tomcatMajor > 0 && tomcatMajor < 9;
  return {
    image: `tomcat:9.0-jdk${jdk}-temurin`,
    reason: {
      en: `javax.servlet ${p.servlet.version ?? ''} runs on Tomcat 9.0, the last supported javax line; compiled for Java ${java}${seen.en}${older ? '; older Tomcat lines are end of life and Servlet 2.x/3.x apps run on 9.0 unless they use Tomcat internals' : ''}`.replace(
        '  ',
        ' ',
      ),
      'zh-CN':
        `javax.servlet ${p.servlet.version ?? ''} 运行于 Tomcat 9.0（最后一个仍受支持的 javax 版本线）；编译目标 Java ${java}${seen.zh}${older ? '；更早的 Tomcat 已停止维护，Servlet 2.x/3.x 应用除非使用 Tomcat 内部接口，否则可直接运行于 9.0' : ''}`.replace(
          '  ',
          ' ',
        ),
    },
  };
}
