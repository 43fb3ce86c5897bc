/** Where the Docker engine listens: DOCKER_HOST (unix:// or tcp://), else the default socket. */
export interface EngineAddress {
  socketPath?: string;
  host?: string;
  port?: number;
}
