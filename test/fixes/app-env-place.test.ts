import { describe, it } from 'vitest';
import { APP_ENV_JAVA, SETTINGS_HEADER, checkFix } from './harness.js';

const crlf = (s: string) => s.replace(/\n/g, '\r\n');

const CHECKOUT = crlf(
  'package com.acme.shop.web;\n\npublic class CheckoutServlet {\n' +
    '    private static final String ORDER_DIR = "/var/shop/orders";\n\n' +
    '    void save() {\n        new java.io.File(ORDER_DIR).mkdirs();\n    }\n}\n',
);

describe('the AppEnv helper: where it goes and how it is written', () => {
  it("in the app's own top package by majority, not tests, a vendored library or a one-letter package; CRLF", async () => {
    await checkFix('local-files', {
      files: {
        'src/com/acme/shop/web/CheckoutServlet.java': CHECKOUT,
        'src/com/acme/shop/model/Order.java': crlf('package com.acme.shop.model;\n\npublic class Order {\n}\n'),
        'src/com/acme/shop/model/Item.java': crlf('package com.acme.shop.model;\n\npublic class Item {\n}\n'),
        'src/org/apache/commons/codec/Hex.java': crlf('package org.apache.commons.codec;\n\npublic class Hex {\n}\n'),
        'src/a/A.java': crlf('package a;\n\npublic class A {\n}\n'),
        'test/com/acme/shop/OrderTest.java': 'package com.acme.shop;\n\npublic class OrderTest {\n}\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\nORDER_DIR=/var/shop/orders\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: ORDER_DIR\n    secret: false\n    usedBy:\n' +
          '      - src/com/acme/shop/web/CheckoutServlet.java\n    default: /var/shop/orders\n' +
          'volumes:\n  - env: ORDER_DIR\n    defaultPath: /var/shop/orders\n    usedBy:\n' +
          '      - src/com/acme/shop/web/CheckoutServlet.java\njavaSystemProperties: {}\n',
        'src/com/acme/shop/AppEnv.java': crlf(APP_ENV_JAVA.replace('package com.acme;', 'package com.acme.shop;')),
        'src/com/acme/shop/web/CheckoutServlet.java': CHECKOUT.replace(
          '"/var/shop/orders"',
          'com.acme.shop.AppEnv.get("ORDER_DIR", "/var/shop/orders")',
        ),
      },
    });
  });

  it('a bean added to a tab-indented Spring file is indented with a tab, in its CRLF', async () => {
    const context = (url: string, added = '') =>
      crlf(
        '<?xml version="1.0" encoding="UTF-8"?>\n<beans>\n' +
          '\t<bean id="dataSource" class="org.apache.commons.dbcp.BasicDataSource">\n' +
          `\t\t<property name="url" value="${url}"/>\n\t</bean>\n${added}</beans>\n`,
      );
    await checkFix('externalize-config', {
      files: { 'WEB-INF/applicationContext.xml': context('jdbc:mysql://10.1.2.3:3306/crm') },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'DATA_SOURCE_URL=jdbc:mysql://10.1.2.3:3306/crm\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: DATA_SOURCE_URL\n    secret: false\n    usedBy:\n      - WEB-INF/applicationContext.xml\n' +
          '    default: jdbc:mysql://10.1.2.3:3306/crm\nvolumes: []\njavaSystemProperties: {}\n',
        'WEB-INF/applicationContext.xml': context(
          '${DATA_SOURCE_URL:jdbc:mysql://10.1.2.3:3306/crm}',
          '\t<bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>\n',
        ),
      },
    });
  });
});
