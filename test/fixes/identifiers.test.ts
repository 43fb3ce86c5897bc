import { describe, it } from 'vitest';
import { APP_ENV_JAVA, SETTINGS_HEADER, checkFix } from './harness.js';

const ORDER =
  'package com.acme.order;\n\nimport javax.xml.bind.annotation.XmlElement;\nimport javax.xml.bind.annotation.XmlRootElement;\n\n' +
  '@XmlRootElement(name = "order", namespace = "http://ns.acme-shop.corp/order")\npublic class Order {\n' +
  '    public static final String ORDER_URI = "http://ns.acme-shop.corp/order";\n' +
  '    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";\n' +
  '    static final String PAY_URL = "https://pay.intra.acme-shop.cn/api";\n\n' +
  '    @XmlElement(namespace = ORDER_URI)\n    String id;\n\n' +
  '    void call() {\n        String soapAction = "http://ns.acme-shop.corp/order/pay";\n    }\n}\n';

describe('externalize-config: identifiers are not configuration', () => {
  it('annotation values, constants an annotation names, namespaces, search engines and labels stay in the code', async () => {
    await checkFix('externalize-config', {
      files: {
        'src/com/acme/order/Order.java': ORDER,
        'src/com/acme/search/Engines.java':
          'package com.acme.search;\n\npublic class Engines {\n    static final String[][] ENGINES = {\n' +
          '        { "Google", "http://www.google.com/search?q=" },\n        { "Baidu", "http://www.baidu.com/s?wd=" },\n' +
          '    };\n    static final String LABEL_PASSWORD = "密码";\n}\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'PAY_URL=https://pay.intra.acme-shop.cn/api\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: PAY_URL\n    secret: false\n    usedBy:\n      - src/com/acme/order/Order.java\n' +
          '    default: https://pay.intra.acme-shop.cn/api\nvolumes: []\njavaSystemProperties: {}\n',
        'src/com/acme/AppEnv.java': APP_ENV_JAVA,
        'src/com/acme/order/Order.java': ORDER.replace(
          '"https://pay.intra.acme-shop.cn/api"',
          'com.acme.AppEnv.get("PAY_URL", "https://pay.intra.acme-shop.cn/api")',
        ),
      },
      left: [
        'src/com/acme/order/Order.java:8: "http://ns.acme-shop.corp/order" stays in the code: it is ORDER_URI, ' +
          'named in @XmlElement(namespace = ORDER_URI), which must be a constant',
        'src/com/acme/order/Order.java:16: "http://ns.acme-shop.corp/order/pay" stays in the code: ' +
          'it is soapAction, an XML or SOAP identifier, not configuration',
      ],
    });
  });
});
