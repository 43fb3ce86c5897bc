import { describe, it } from 'vitest';
import { APP_ENV_JAVA, SETTINGS_HEADER, checkFix } from './harness.js';

describe('local-files: write directories read from the environment, for a volume', () => {
  it('absolute paths in Java become AppEnv.get with the old path as default; in .properties they are left', async () => {
    await checkFix('local-files', {
      files: {
        'src/com/acme/shop/web/CheckoutServlet.java':
          'package com.acme.shop.web;\n\nimport java.io.File;\nimport java.io.FileWriter;\n\npublic class CheckoutServlet {\n' +
          '    private static final String ORDER_DIR = "/var/shop/orders";\n\n    void save(String id) throws Exception {\n' +
          '        FileWriter w = new FileWriter(new File(ORDER_DIR, id));\n        w.close();\n' +
          '        new File("/data/shop/archive").mkdirs();\n    }\n}\n',
        'src/app.properties': 'export.dir=/data/export/\n',
      },
      after: {
        '.gitignore': '.paasport.env\n',
        '.paasport.env':
          '# Values taken out of the sources by paasport fix. Never commit this file.\n' +
          'ORDER_DIR=/var/shop/orders\n' +
          'CHECKOUT_SERVLET_DIR=/data/shop/archive\n',
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: ORDER_DIR\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/com/acme/shop/web/CheckoutServlet.java\n' +
          '    default: /var/shop/orders\n' +
          '  - name: CHECKOUT_SERVLET_DIR\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/com/acme/shop/web/CheckoutServlet.java\n' +
          '    default: /data/shop/archive\n' +
          'volumes:\n' +
          '  - env: ORDER_DIR\n' +
          '    defaultPath: /var/shop/orders\n' +
          '    usedBy:\n' +
          '      - src/com/acme/shop/web/CheckoutServlet.java\n' +
          '  - env: CHECKOUT_SERVLET_DIR\n' +
          '    defaultPath: /data/shop/archive\n' +
          '    usedBy:\n' +
          '      - src/com/acme/shop/web/CheckoutServlet.java\n' +
          'javaSystemProperties: {}\n',
        'src/com/acme/shop/web/AppEnv.java': APP_ENV_JAVA.replace('package com.acme;', 'package com.acme.shop.web;'),
        'src/com/acme/shop/web/CheckoutServlet.java':
          'package com.acme.shop.web;\n' +
          '\n' +
          'import java.io.File;\n' +
          'import java.io.FileWriter;\n' +
          '\n' +
          'public class CheckoutServlet {\n' +
          '    private static final String ORDER_DIR = com.acme.shop.web.AppEnv.get("ORDER_DIR", "/var/shop/orders");\n' +
          '\n' +
          '    void save(String id) throws Exception {\n' +
          '        FileWriter w = new FileWriter(new File(ORDER_DIR, id));\n' +
          '        w.close();\n' +
          '        new File(com.acme.shop.web.AppEnv.get("CHECKOUT_SERVLET_DIR", "/data/shop/archive")).mkdirs();\n' +
          '    }\n' +
          '}\n',
      },
      left: [
        "src/app.properties:1: the absolute path /data/export/ is read by the application's own code: make it configurable and mount it as a volume",
        "src/com/acme/shop/web/CheckoutServlet.java:10: writes a local file; check that its folder comes from a configured directory (a volume), not the container's own disk",
      ],
    });
  });

  it('folders under getRealPath() are wrapped so that a volume can replace them', async () => {
    await checkFix('local-files', {
      files: {
        'src/com/acme/web/Upload.java':
          'package com.acme.web;\n\nimport java.io.File;\nimport javax.servlet.http.HttpServletRequest;\n\npublic class Upload {\n' +
          '    void save(HttpServletRequest req) throws Exception {\n' +
          '        File dir = new File(req.getSession().getServletContext().getRealPath("/upload/images"));\n' +
          '        dir.mkdirs();\n    }\n}\n',
      },
      after: {
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: UPLOAD_IMAGES_DIR\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/com/acme/web/Upload.java\n' +
          'volumes:\n' +
          '  - env: UPLOAD_IMAGES_DIR\n' +
          '    defaultPath: (webapp)/upload/images\n' +
          '    usedBy:\n' +
          '      - src/com/acme/web/Upload.java\n' +
          'javaSystemProperties: {}\n',
        'src/com/acme/web/AppEnv.java': APP_ENV_JAVA.replace('package com.acme;', 'package com.acme.web;'),
        'src/com/acme/web/Upload.java':
          'package com.acme.web;\n' +
          '\n' +
          'import java.io.File;\n' +
          'import javax.servlet.http.HttpServletRequest;\n' +
          '\n' +
          'public class Upload {\n' +
          '    void save(HttpServletRequest req) throws Exception {\n' +
          '        File dir = new File(com.acme.web.AppEnv.get("UPLOAD_IMAGES_DIR", req.getSession().getServletContext().getRealPath("/upload/images")));\n' +
          '        dir.mkdirs();\n' +
          '    }\n' +
          '}\n',
      },
    });
  });

  it('data under the home or temp folder comes from a variable named after the class', async () => {
    await checkFix('local-files', {
      files: {
        'src/com/acme/Store.java':
          'package com.acme;\nimport java.io.File;\npublic class Store {\n  void init() {\n' +
          '    File d = new File(System.getProperty("user.home"), "app_data");\n    d.mkdirs();\n' +
          '    File t = new File(System.getProperty("java.io.tmpdir"));\n    t.mkdir();\n  }\n}\n',
      },
      after: {
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n' +
          '  - name: STORE_DATA_DIR\n' +
          '    secret: false\n' +
          '    usedBy:\n' +
          '      - src/com/acme/Store.java\n' +
          'volumes:\n' +
          '  - env: STORE_DATA_DIR\n' +
          '    defaultPath: (webapp)user.home\n' +
          '    usedBy:\n' +
          '      - src/com/acme/Store.java\n' +
          'javaSystemProperties: {}\n',
        'src/com/acme/AppEnv.java': APP_ENV_JAVA,
        'src/com/acme/Store.java':
          'package com.acme;\n' +
          'import java.io.File;\n' +
          'public class Store {\n' +
          '  void init() {\n' +
          '    File d = new File(com.acme.AppEnv.get("STORE_DATA_DIR", System.getProperty("user.home")), "app_data");\n' +
          '    d.mkdirs();\n' +
          '    File t = new File(com.acme.AppEnv.get("STORE_DATA_DIR", System.getProperty("java.io.tmpdir")));\n' +
          '    t.mkdir();\n' +
          '  }\n' +
          '}\n',
      },
    });
  });
});
