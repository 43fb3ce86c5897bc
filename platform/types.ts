/** Where the Docker engine listens: DOCKER_HOST (unix:// or tcp://), else the default socket. */
export interface EngineAddress {
  socketPath?: string;
  host?: string;
  port?: number;
}

/** Files inside container images, read without running them (the Docker engine, or a stand-in in tests). */
export interface ImageFiles {
  readFile(image: string, file: string, onProgress?: (line: string) => void): Promise<string>;
}

/** What `paasport preview` started for one app, kept in <out>/.preview.json so `--down` removes exactly that. */
export interface PreviewState {
  appDir: string;
  appId: string;
  image: string;
  tasks: { id: string; name: string; hostPort: number }[];
  haproxy?: { kind: 'process'; pid: number } | { kind: 'container'; id: string };
  store?: { program: string; pid: number; port: number };
  urls: string[];
}

/** The label every container of a preview carries, valued with the app folder: `--down` finds them by it. */
export const PREVIEW_LABEL = 'paasport.preview';
