import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../helpers.js';
import { checkFix } from './harness.js';

const SHOP =
  'package com.acme;\nimport javax.servlet.http.HttpSession;\n' +
  'public class Shop {\n  void f(HttpSession s) {\n    s.setAttribute("cart", new Cart());\n  }\n}\n';

describe('session-serializable: session attributes and what they hold become Serializable', () => {
  it('the class stored, its project superclass and the project classes its fields hold', async () => {
    const [outcome] = await checkFix('session-serializable', {
      files: {
        'src/com/acme/Shop.java': SHOP,
        'src/com/acme/Cart.java':
          'package com.acme;\n\nimport java.util.List;\n\n/** A basket. */\npublic class Cart extends Base {\n' +
          '    // the lines\n    private List<Item> items;\n    private transient int hits;\n}\n',
        'src/com/acme/Base.java': 'package com.acme;\n\npublic abstract class Base<T> {\n}\n',
        'src/com/acme/Item.java':
          'package com.acme;\n\npublic class Item implements Comparable<Item> {\n    private String sku;\n\n' +
          '    public int compareTo(Item o) {\n        return sku.compareTo(o.sku);\n    }\n}\n',
      },
      after: {
        'src/com/acme/Base.java':
          'package com.acme;\n' +
          '\n' +
          'public abstract class Base<T> implements java.io.Serializable {\n' +
          '    private static final long serialVersionUID = 1L;\n' +
          '}\n',
        'src/com/acme/Cart.java':
          'package com.acme;\n' +
          '\n' +
          'import java.util.List;\n' +
          '\n' +
          '/** A basket. */\n' +
          'public class Cart extends Base implements java.io.Serializable {\n' +
          '    private static final long serialVersionUID = 1L;\n' +
          '\n' +
          '    // the lines\n' +
          '    private List<Item> items;\n' +
          '    private transient int hits;\n' +
          '}\n',
        'src/com/acme/Item.java':
          'package com.acme;\n' +
          '\n' +
          'public class Item implements Comparable<Item>, java.io.Serializable {\n' +
          '    private static final long serialVersionUID = 1L;\n' +
          '\n' +
          '    private String sku;\n' +
          '\n' +
          '    public int compareTo(Item o) {\n' +
          '        return sku.compareTo(o.sku);\n' +
          '    }\n' +
          '}\n',
      },
    });
    expect(outcome.message).toContain('Base, Cart, Item now implement java.io.Serializable');
  });

  it('a class that already has a serialVersionUID keeps it; an interface list grows', async () => {
    await checkFix('session-serializable', {
      files: {
        'src/com/acme/Shop.java': SHOP,
        'src/com/acme/Cart.java':
          'package com.acme;\n\npublic class Cart implements Cloneable {\n' +
          '    private static final long serialVersionUID = 42L;\n    private int size;\n}\n',
      },
      after: {
        'src/com/acme/Cart.java':
          'package com.acme;\n' +
          '\n' +
          'public class Cart implements Cloneable, java.io.Serializable {\n' +
          '    private static final long serialVersionUID = 42L;\n' +
          '    private int size;\n' +
          '}\n',
      },
    });
  });

  it('a GBK file with CRLF line endings stays GBK and CRLF', async () => {
    const member =
      'package com.bbs;\r\n\r\n/** 论坛会员 */\r\npublic class Member {\r\n    private String name = "张三";\r\n}\r\n';
    await checkFix('session-serializable', {
      files: {
        'pom.xml':
          '<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>' +
          '<properties><project.build.sourceEncoding>GBK</project.build.sourceEncoding></properties></project>\n',
        'src/main/java/com/bbs/Member.java': encodeGbk(member),
        'src/main/java/com/bbs/Login.java':
          'package com.bbs;\nimport javax.servlet.http.HttpSession;\n' +
          'public class Login { void f(HttpSession s) { s.setAttribute("member", new Member()); } }\n',
      },
      after: {
        'src/main/java/com/bbs/Member.java': encodeGbk(
          'package com.bbs;\r\n' +
            '\r\n' +
            '/** 论坛会员 */\r\n' +
            'public class Member implements java.io.Serializable {\r\n' +
            '    private static final long serialVersionUID = 1L;\r\n' +
            '\r\n' +
            '    private String name = "张三";\r\n' +
            '}\r\n',
        ),
      },
    });
  });

  it('a UTF-8 file with a BOM keeps its BOM', async () => {
    await checkFix('session-serializable', {
      files: {
        'src/com/acme/Shop.java': SHOP,
        'src/com/acme/Cart.java': '\ufeffpackage com.acme;\r\n\r\n// für die Sitzung\r\npublic class Cart {\r\n}\r\n',
      },
      after: {
        'src/com/acme/Cart.java':
          '\ufeffpackage com.acme;\r\n' +
          '\r\n' +
          '// für die Sitzung\r\n' +
          'public class Cart implements java.io.Serializable {\r\n' +
          '    private static final long serialVersionUID = 1L;\r\n' +
          '}\r\n',
      },
    });
  });
});
