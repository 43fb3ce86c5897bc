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
