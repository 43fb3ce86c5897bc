import data from './detectors.json' with { type: 'json' };

/** The shape of detectors.json: regular expressions as strings. */
interface DetectorsData {
  frameworks: { name: string; artifact?: string; package?: string; file?: string; fileIgnoresCase?: boolean }[];
  databases: { name: string; jdbcScheme: string; artifact: string }[];
  servletApi: { artifact: string };
  tomcat: { artifact: string; mavenPlugin: string; jar: string };
}

/** A framework, recognised by a dependency, an imported package or a file of its own. */
export interface Detector {
  name: string;
  artifact?: RegExp;
  pkg?: RegExp;
  file?: RegExp;
}

/** A database, recognised by a JDBC URL's scheme or its driver's artifact. */
export interface DatabaseDetector {
  name: string;
  scheme: RegExp;
  artifact: RegExp;
}

export interface ProfileDetectors {
  frameworks: Detector[];
  databases: DatabaseDetector[];
  servletApiArtifact: RegExp;
  tomcat: { artifact: RegExp; mavenPlugin: RegExp; jar: RegExp };
}

const DATA: DetectorsData = data;

const optional = (source: string | undefined, flags?: string) =>
  source === undefined ? undefined : new RegExp(source, flags);

/** The detectors of detectors.json, compiled. */
export function profileDetectors(): ProfileDetectors {
  return {
    frameworks: DATA.frameworks.map((f) => ({
      name: f.name,
      artifact: optional(f.artifact),
      pkg: optional(f.package),
      file: optional(f.file, f.fileIgnoresCase ? 'i' : undefined),
    })),
    databases: DATA.databases.map((d) => ({
      name: d.name,
      scheme: new RegExp(d.jdbcScheme),
      artifact: new RegExp(d.artifact),
    })),
    servletApiArtifact: new RegExp(DATA.servletApi.artifact),
    tomcat: {
      artifact: new RegExp(DATA.tomcat.artifact),
      mavenPlugin: new RegExp(DATA.tomcat.mavenPlugin),
      jar: new RegExp(DATA.tomcat.jar),
    },
  };
}
