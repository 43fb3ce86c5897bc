import { describe, it } from 'vitest';
import { SETTINGS_HEADER, checkFix } from './harness.js';

const PLACEHOLDER_CONTEXT =
  '<?xml version="1.0" encoding="UTF-8"?>\n<beans xmlns="http://www.springframework.org/schema/beans"\n' +
  '       xmlns:context="http://www.springframework.org/schema/context">\n' +
  '  <context:property-placeholder location="classpath:app.properties"/>\n</beans>\n';

const secretEnv = (name: string, file: string) => `  - name: ${name}\n    secret: true\n    usedBy:\n      - ${file}\n`;

describe('externalize-config: credentials of every form leave the sources without a default', () => {
  it('AWS secret keys and an LDAP URL with user:password@ in .properties Spring reads', async () => {
    const file = 'src/main/resources/app.properties';
    await checkFix('externalize-config', {
      files: {
        'src/main/resources/applicationContext.xml': PLACEHOLDER_CONTEXT,
        [file]:
          'aws.secretAccessKey=wJalrXUtnFEMI/K7MDENG\nstorage.secretKey=Stor4geK3y\n' +
          'ldap.url=ldap://cn=admin:Ld4pS3cret@ldap.example.com:389\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n' +
          'STORAGE_SECRET_KEY=Stor4geK3y\n' +
          'LDAP_URL=ldap://cn=admin:Ld4pS3cret@ldap.example.com:389\n',
        [file]:
          'aws.secretAccessKey=${AWS_SECRET_ACCESS_KEY}\nstorage.secretKey=${STORAGE_SECRET_KEY}\n' +
          'ldap.url=${LDAP_URL}\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          secretEnv('AWS_SECRET_ACCESS_KEY', file) +
          secretEnv('STORAGE_SECRET_KEY', file) +
          secretEnv('LDAP_URL', file) +
          'volumes: []\n' +
          'javaSystemProperties: {}\n',
      },
    });
  });

  it("Tomcat's <Environment> named as a secret and a password inside a <Resource> URL: ${properties}", async () => {
    const file = 'WebContent/META-INF/context.xml';
    await checkFix('externalize-config', {
      files: {
        'WebContent/WEB-INF/web.xml': '<web-app xmlns="http://java.sun.com/xml/ns/javaee" version="2.5"/>\n',
        [file]:
          '<Context>\n  <Resource name="jdbc/shop" type="javax.sql.DataSource"\n' +
          '            url="jdbc:mysql://db.example.com/shop?user=shop&amp;password=Url5ecret"/>\n' +
          '  <Environment name="payment/apiSecret" type="java.lang.String" value="Ap1S3cret"/>\n</Context>\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'JDBC_SHOP_URL=jdbc:mysql://db.example.com/shop?user=shop&password=Url5ecret\n' +
          'PAYMENT_API_SECRET_VALUE=Ap1S3cret\n',
        [file]:
          '<Context>\n  <Resource name="jdbc/shop" type="javax.sql.DataSource"\n' +
          '            url="${jdbc.shop.url}"/>\n' +
          '  <Environment name="payment/apiSecret" type="java.lang.String" value="${payment.api.secret.value}"/>\n' +
          '</Context>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          secretEnv('JDBC_SHOP_URL', file) +
          secretEnv('PAYMENT_API_SECRET_VALUE', file) +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  jdbc.shop.url: ${JDBC_SHOP_URL}\n' +
          '  payment.api.secret.value: ${PAYMENT_API_SECRET_VALUE}\n',
      },
    });
  });

  it("log4j's SMTPPassword in log4j.properties and log4j.xml: a ${system property} log4j resolves", async () => {
    const props = 'src/main/resources/log4j.properties';
    const xml = 'src/main/resources/log4j.xml';
    await checkFix('externalize-config', {
      files: {
        [props]:
          'log4j.rootLogger=INFO, mail\nlog4j.appender.mail=org.apache.log4j.net.SMTPAppender\n' +
          'log4j.appender.mail.SMTPPassword=M4ilS3cret\n',
        [xml]:
          '<log4j:configuration xmlns:log4j="http://jakarta.apache.org/log4j/">\n' +
          '  <appender name="alert" class="org.apache.log4j.net.SMTPAppender">\n' +
          '    <param name="SMTPPassword" value="Al3rtS3cret"/>\n' +
          '  </appender>\n</log4j:configuration>\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'MAIL_SMTPPASSWORD=M4ilS3cret\n' +
          'ALERT_SMTPPASSWORD=Al3rtS3cret\n',
        [props]:
          'log4j.rootLogger=INFO, mail\nlog4j.appender.mail=org.apache.log4j.net.SMTPAppender\n' +
          'log4j.appender.mail.SMTPPassword=${mail.smtppassword}\n',
        [xml]:
          '<log4j:configuration xmlns:log4j="http://jakarta.apache.org/log4j/">\n' +
          '  <appender name="alert" class="org.apache.log4j.net.SMTPAppender">\n' +
          '    <param name="SMTPPassword" value="${alert.smtppassword}"/>\n' +
          '  </appender>\n</log4j:configuration>\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          secretEnv('MAIL_SMTPPASSWORD', props) +
          secretEnv('ALERT_SMTPPASSWORD', xml) +
          'volumes: []\n' +
          'javaSystemProperties:\n' +
          '  mail.smtppassword: ${MAIL_SMTPPASSWORD}\n' +
          '  alert.smtppassword: ${ALERT_SMTPPASSWORD}\n',
      },
    });
  });

  it('Spring Boot YAML: a secret becomes "${NAME}", a host "${NAME:default}", named after the whole key', async () => {
    const file = 'src/main/resources/application-prod.yml';
    await checkFix('externalize-config', {
      files: {
        'pom.xml':
          '<project>\n  <parent><groupId>org.springframework.boot</groupId>' +
          '<artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent>\n' +
          '  <dependencies><dependency><groupId>org.springframework.boot</groupId>' +
          '<artifactId>spring-boot-starter-web</artifactId></dependency></dependencies>\n</project>\n',
        [file]:
          "spring:\n  datasource:\n    username: shop\n    password: 'Y4mlS3cret' # prod\n" +
          '  mail:\n    host: smtp.shop.corp\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'SPRING_DATASOURCE_PASSWORD=Y4mlS3cret\n' +
          'SPRING_MAIL_HOST=smtp.shop.corp\n',
        [file]:
          'spring:\n  datasource:\n    username: shop\n    password: "${SPRING_DATASOURCE_PASSWORD}" # prod\n' +
          '  mail:\n    host: "${SPRING_MAIL_HOST:smtp.shop.corp}"\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          secretEnv('SPRING_DATASOURCE_PASSWORD', file) +
          '  - name: SPRING_MAIL_HOST\n    secret: false\n    usedBy:\n      - ' +
          file +
          '\n    default: smtp.shop.corp\n' +
          'volumes: []\n' +
          'javaSystemProperties: {}\n',
      },
    });
  });
});
