/** The parts of a generated Marathon app definition (1.1, 1.4 or 1.5 format) that the e2e suites deploy. */
export interface MarathonApp {
  id: string;
  instances?: number;
  cpus?: number;
  mem?: number;
  env?: Record<string, string | { secret: string }>;
  labels?: Record<string, string>;
  container: {
    docker: {
      image: string;
      parameters?: { key: string; value: string }[];
      portMappings?: PortMapping[];
      network?: string;
    };
    portMappings?: PortMapping[];
    volumes?: { hostPath?: string; containerPath: string; mode: string }[];
  };
  networks?: { mode: string }[];
  fetch?: { uri: string; extract?: boolean; executable?: boolean }[];
  healthChecks?: {
    protocol?: string;
    path?: string;
    portIndex?: number;
    intervalSeconds?: number;
    timeoutSeconds?: number;
    maxConsecutiveFailures?: number;
  }[];
}

export interface PortMapping {
  containerPort: number;
  hostPort?: number;
  servicePort?: number;
}

/** Port mappings wherever the definition's format keeps them (1.5: container, before: container.docker). */
export const portMappings = (app: MarathonApp): PortMapping[] =>
  app.container.portMappings ?? app.container.docker.portMappings ?? [];

/** BRIDGE in every format: docker.network (1.1, 1.4) or networks[].mode container/bridge (1.5). */
export const isBridge = (app: MarathonApp): boolean =>
  app.container.docker.network === 'BRIDGE' || (app.networks ?? []).some((n) => n.mode === 'container/bridge');
