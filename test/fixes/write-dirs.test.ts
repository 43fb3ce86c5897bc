import { describe, it } from 'vitest';
import { APP_ENV_JAVA, SETTINGS_HEADER, checkFix } from './harness.js';

const UPLOAD =
  'package com.acme.files;\n\nimport java.io.File;\nimport javax.servlet.http.HttpServlet;\n\n' +
  'public class UploadServlet extends HttpServlet {\n    private String basePath = "upload/";\n\n' +
  '    void save(String name) throws Exception {\n' +
  '        String dir = getServletContext().getRealPath("/") + basePath;\n' +
  '        new File(dir).mkdirs();\n    }\n}\n';

const EXPORT =
  'package com.acme.files;\n\nimport java.io.File;\nimport java.io.FileOutputStream;\n\npublic class Export {\n' +
  '    static final String FLOW = "D:\\\\Export\\\\flow.zip";\n' +
  '    static final String[] ROOTS = { "C:\\\\fileinit", "D:\\\\fileinit", "E:\\\\fileinit" };\n\n' +
  '    void run() throws Exception {\n        new FileOutputStream(FLOW).close();\n        for (String r : ROOTS) {\n' +
  '            if (new File(r).mkdirs()) {\n                return;\n            }\n        }\n    }\n\n' +
  '    public static void main(String[] args) {\n        new File("/data/tools/out", "D:/").mkdirs();\n    }\n}\n';

// the app runs the export: its class is part of the app, not a command-line tool
const EXPORT_SERVLET =
  'package com.acme.files;\n\nimport javax.servlet.http.*;\n\npublic class ExportServlet extends HttpServlet {\n' +
  '    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {\n' +
  '        try {\n            new Export().run();\n        } catch (Exception e) {\n            throw new java.io.IOException(e);\n' +
  '        }\n    }\n}\n';

describe('local-files: write directories', () => {
  it('a folder the code appends to keeps its separator; file paths, drives and paths tried in turn are left; main() is not the app', async () => {
    const tried =
      'src/com/acme/files/Export.java:8: one of several paths tried in turn: choose one and read it from the environment';
    await checkFix('local-files', {
      files: {
        'src/com/acme/files/UploadServlet.java': UPLOAD,
        'src/com/acme/files/Export.java': EXPORT,
        'src/com/acme/files/ExportServlet.java': EXPORT_SERVLET,
      },
      after: {
        'paasport.yaml':
          SETTINGS_HEADER +
          'env:\n  - name: FILES_DIR\n    secret: false\n    usedBy:\n      - src/com/acme/files/UploadServlet.java\n' +
          'volumes:\n  - env: FILES_DIR\n    defaultPath: (webapp)/\n    usedBy:\n' +
          '      - src/com/acme/files/UploadServlet.java\njavaSystemProperties: {}\n',
        'src/com/acme/files/AppEnv.java': APP_ENV_JAVA.replace('package com.acme;', 'package com.acme.files;'),
        'src/com/acme/files/UploadServlet.java': UPLOAD.replace(
          'getServletContext().getRealPath("/") + basePath',
          'com.acme.files.AppEnv.dir("FILES_DIR", getServletContext().getRealPath("/")) + basePath',
        ),
      },
      left: [
        'src/com/acme/files/Export.java:7: a file path, not a folder: if the application ' +
          'writes it, read its folder from the environment and mount a volume there',
        tried,
        tried,
        tried,
        // Export.java:20, in main(): a tool's code, outside the deployed app, never reaches the fix
        'src/com/acme/files/UploadServlet.java: files written under FILES_DIR are no longer inside the webapp: ' +
          "URLs that served them from it need a mapping to the volume (Tomcat's <PreResources> or aliases, " +
          'or a servlet that reads FILES_DIR)',
        'src/com/acme/files/Export.java:11: writes a local file; check that its folder comes from a configured ' +
          "directory (a volume), not the container's own disk",
      ],
    });
  });
});

describe('local-files: data folders in configuration', () => {
  it('a folder setting under ${user.home} in a .properties file is left for a person, the file unchanged', async () => {
    await checkFix('local-files', {
      files: {
        'src/main/resources/roller.properties':
          'mediafiles.storage.dir=${user.home}/roller_data/mediafiles\nsite.name=blog\n',
      },
      after: {},
      left: [
        'src/main/resources/roller.properties:1: a data folder under ${user.home}: set it from the environment and ' +
          'mount a volume there',
      ],
    });
  });
});
