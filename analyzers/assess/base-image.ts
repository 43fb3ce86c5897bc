import type { TechProfile } from './profile.js';
import type { Localized, ProjectFacts } from '../types.js';
import { legacyCharset, oldSpringScan, type OldSpringScan } from './app-runtime.js';

export interface BaseImage {
  image: string; // official image and tag, e.g. tomcat:9.0-jdk8-temurin
  reason: Localized;
  fileEncoding?: string; // the JVM's default charset the app needs when it is not UTF-8 (GBK)
}

const JDKS = [8, 11, 17, 21];
// The smallest supported JDK line at or above what the code was compiled for, within what the Tomcat line accepts.
export const jdkFor = (java: number, min: number) => JDKS.find((j) => j >= Math.max(java, min)) ?? 21;
const tidy = (text: string) => text.replace('  ', ' ');

function seenIn(p: TechProfile) {
  return p.tomcat
    ? {
        en: ` (Tomcat ${p.tomcat.version} seen in ${p.tomcat.evidence.ref})`,
        zh: `（在 ${p.tomcat.evidence.ref} 中发现 Tomcat ${p.tomcat.version}）`,
      }
    : { en: '', zh: '' };
}

function springBootImage(java: number): BaseImage {
  const jdk = jdkFor(java, 8);
  return {
    image: `eclipse-temurin:${jdk}-jre`,
    reason: {
      en: `a Spring Boot jar runs its own embedded server: a Java ${jdk} runtime is enough`,
      'zh-CN': `Spring Boot 可执行 jar 自带内嵌服务器：只需 Java ${jdk} 运行时`,
    },
  };
}

function jakartaImage(p: TechProfile, java: number): BaseImage {
  const seen = seenIn(p);
  const servlet = Number(p.servlet.version ?? 6);
  const line = servlet >= 6.1 || Number(p.tomcat?.version.split('.')[0] ?? 0) >= 11 ? '11.0' : '10.1';
  const jdk = jdkFor(java, line === '11.0' ? 17 : 11);
  return {
    image: `tomcat:${line}-jdk${jdk}-temurin`,
    reason: {
      en: tidy(`jakarta.servlet ${p.servlet.version ?? ''} needs Tomcat ${line}; compiled for Java ${java}${seen.en}`),
      'zh-CN': tidy(`jakarta.servlet ${p.servlet.version ?? ''} 需要 Tomcat ${line}；编译目标 Java ${java}${seen.zh}`),
    },
  };
}

function javaxImage(p: TechProfile, java: number): BaseImage {
  const seen = seenIn(p);
  const jdk = jdkFor(java, 8);
  const tomcatMajor = Number(p.tomcat?.version.split('.')[0] ?? 0);
  const older = tomcatMajor > 0 && tomcatMajor < 9;
  return {
    image: `tomcat:9.0-jdk${jdk}-temurin`,
    reason: {
      en: tidy(
        `javax.servlet ${p.servlet.version ?? ''} runs on Tomcat 9.0, the last supported javax line; compiled for Java ${java}${seen.en}${older ? '; older Tomcat lines are end of life and Servlet 2.x/3.x apps run on 9.0 unless they use Tomcat internals' : ''}`,
      ),
      'zh-CN': tidy(
        `javax.servlet ${p.servlet.version ?? ''} 运行于 Tomcat 9.0（最后一个仍受支持的 javax 版本线）；编译目标 Java ${java}${seen.zh}${older ? '；更早的 Tomcat 已停止维护，Servlet 2.x/3.x 应用除非使用 Tomcat 内部接口，否则可直接运行于 9.0' : ''}`,
      ),
    },
  };
}

/**
 * Spring before 3.0 scanning for components cannot start on Java 8 or later. The last official Java 7 images are
 * tomcat:7.0-jre7 (Tomcat 7.0.94, Servlet 3.0) and tomcat:8.0-jre7 (8.0.53, Servlet 3.1), both frozen since 2019.
 */
const springScan = (old: OldSpringScan) => ({
  en: `Spring ${old.spring} (${old.jar}) with <context:component-scan> (${old.scan})`,
  zh: `Spring ${old.spring}（${old.jar}）的 <context:component-scan>（${old.scan}）`,
});

function java7Image(p: TechProfile, old: OldSpringScan): BaseImage {
  const line = Number(p.servlet.version ?? 2.5) > 3 ? '8.0' : '7.0';
  const why = springScan(old);
  return {
    image: `tomcat:${line}-jre7`,
    reason: {
      en:
        `${why.en} fails on any JVM after 1.7 (Spring 2.x reads the Java version string and knows nothing after 1.7), so ` +
        `the app runs on the last official Java 7 image, Tomcat ${line} on OpenJDK 7: it gets no security updates ` +
        '(frozen since 2019); upgrading Spring to 3.2.9 or later lets it move to tomcat:9.0-jdk8-temurin',
      'zh-CN':
        `${why.zh} 在 Java 1.7 之后的任何 JVM 上都会失败（Spring 2.x 解析 Java 版本字符串，不认识 1.7 之后的版本），` +
        `因此选用最后一个官方 Java 7 镜像：Tomcat ${line} + OpenJDK 7，它已不再有安全更新（2019 年起冻结）；` +
        '把 Spring 升级到 3.2.9 或更高版本后即可改用 tomcat:9.0-jdk8-temurin',
    },
  };
}

/** Java 8+ bytecode cannot run on Java 7: the image stays on Java 8 and the reason says what will fail. */
function withSpringWarning(image: BaseImage, old: OldSpringScan): BaseImage {
  const why = springScan(old);
  return {
    image: image.image,
    reason: {
      en: `${image.reason.en}; ${why.en} fails on any JVM after 1.7, and the code needs Java 8 or later: upgrade Spring to 3.2.9 or later`,
      'zh-CN': `${image.reason['zh-CN']}；${why.zh} 在 Java 1.7 之后的 JVM 上会失败，而代码需要 Java 8 或更高版本：请把 Spring 升级到 3.2.9 或更高版本`,
    },
  };
}

function imageFor(p: TechProfile, project?: ProjectFacts): BaseImage {
  const java = Number(p.javaVersion ?? (p.servlet.namespace === 'jakarta' ? 17 : 8));
  if (p.springBoot && p.packaging === 'jar') return springBootImage(java);
  if (p.servlet.namespace === 'jakarta') return jakartaImage(p, java);
  const old = project && oldSpringScan(project);
  if (!old) return javaxImage(p, java);
  const declared = p.javaVersion ? Number(p.javaVersion) : 7;
  return declared <= 7 ? java7Image(p, old) : withSpringWarning(javaxImage(p, java), old);
}

/**
 * The official image to run the app on, from its Servlet namespace, Java version, Tomcat version and the libraries
 * that limit the JVM; and the default charset the JVM needs when the app is not UTF-8.
 */
export function recommendBaseImage(p: TechProfile, project?: ProjectFacts): BaseImage {
  const image = imageFor(p, project);
  const charset = project && legacyCharset(project);
  return charset ? { ...image, fileEncoding: charset } : image;
}
