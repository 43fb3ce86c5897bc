import type { LbRouting } from './marathon-lb-labels.js';

/** The first health check of a Marathon app definition, as marathon-lb reads it. */
export interface LbHealthCheck {
  protocol: string; // HTTP, MESOS_HTTP, TCP, ...
  path?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  maxConsecutiveFailures: number;
}

export interface LbServer {
  name: string;
  host: string;
  port: number;
}

/** What one HAProxy in front of one app needs: the app's routing, its tasks, and where to listen. */
export interface LbConfigInput {
  appId: string; // the Marathon id, /apps/shop
  servicePort: number; // the app's service port in the definition (part of the backend name, as in marathon-lb)
  routing: LbRouting;
  healthCheck?: LbHealthCheck;
  servers: LbServer[];
  bindAddress: string;
  httpPort?: number; // the virtual-host frontend (marathon-lb's :80); only when the app has a vhost
  appPort: number; // the app's own frontend (marathon-lb binds the service port)
}

/** marathon-lb's names: /apps/shop on service port 10000 is backend apps_shop_10000. */
const cleaned = (s: string) => s.replace(/^\//, '').replace(/[^A-Za-z0-9]/g, '_');

const HEAD = `global
  maxconn 4096

defaults
  log global
  retries 3
  timeout connect 3s
  timeout client 30s
  timeout server 30s
  timeout tunnel 3600s
  timeout http-keep-alive 1s
  timeout http-request 15s
  timeout queue 30s
  option redispatch
  option dontlognull
`;

function vhostFrontend(i: LbConfigInput, backend: string): string[] {
  if (!i.httpPort || !i.routing.vhosts.length) return [];
  const lines = ['', 'frontend marathon_http_in', `  bind ${i.bindAddress}:${i.httpPort}`, '  mode http'];
  const hostAcls: string[] = [];
  for (const host of i.routing.vhosts) {
    const acl = `host_${cleaned(host)}`;
    // the port a client puts in Host (shop.example.com:8080) is not part of the virtual host
    lines.push(`  acl ${acl} req.hdr(host),field(1,:) -i ${host}`);
    hostAcls.push(acl);
  }
  const pathAcl = i.routing.path ? ` path_${backend}` : '';
  if (i.routing.path) lines.push(`  acl path_${backend} path_beg ${i.routing.path}`);
  for (const acl of hostAcls) lines.push(`  use_backend ${backend} if ${acl}${pathAcl}`);
  return lines;
}

function appFrontend(i: LbConfigInput, backend: string): string[] {
  return [
    '',
    `frontend ${backend}`,
    `  bind ${i.bindAddress}:${i.appPort}`,
    `  mode ${i.routing.mode}`,
    `  use_backend ${backend}`,
  ];
}

function healthLines(i: LbConfigInput): { backend: string[]; server: string } {
  const hc = i.healthCheck;
  if (!hc) return { backend: [], server: '' };
  const server = ` check inter ${hc.intervalSeconds}s fall ${hc.maxConsecutiveFailures + 1}`;
  const http = /HTTP/.test(hc.protocol) && i.routing.mode === 'http';
  if (!http) return { backend: [], server };
  return {
    backend: [`  option httpchk GET ${hc.path ?? '/'}`, `  timeout check ${hc.timeoutSeconds}s`],
    server,
  };
}

function backendSection(i: LbConfigInput, backend: string): string[] {
  const health = healthLines(i);
  const lines = ['', `backend ${backend}`, `  balance ${i.routing.balance}`, `  mode ${i.routing.mode}`];
  if (i.routing.mode === 'http') {
    lines.push('  option forwardfor', '  http-request set-header X-Forwarded-Port %[dst_port]');
  }
  if (i.routing.sticky) lines.push('  cookie mesosphere_server_id insert indirect nocache');
  lines.push(...health.backend);
  for (const s of i.servers) {
    const cookie = i.routing.sticky ? ` cookie ${s.name}` : '';
    lines.push(`  server ${s.name} ${s.host}:${s.port}${cookie}${health.server}`);
  }
  return lines;
}

/**
 * haproxy.cfg for one app the way marathon-lb writes it from the app's labels: a backend of its tasks (round robin,
 * the sticky cookie, the health check of the definition), a frontend on the app's port, and the virtual-host
 * frontend that routes by Host (and path) and answers 503 to any other host.
 */
export function haproxyConfig(i: LbConfigInput): string {
  const backend = `${cleaned(i.appId)}_${i.servicePort}`;
  return [HEAD.trimEnd(), ...vhostFrontend(i, backend), ...appFrontend(i, backend), ...backendSection(i, backend)]
    .join('\n')
    .concat('\n');
}

/** The first health check of a definition's healthChecks, when it has one. */
export function firstHealthCheck(healthChecks: unknown): LbHealthCheck | undefined {
  const hc = Array.isArray(healthChecks) ? (healthChecks[0] as Record<string, unknown> | undefined) : undefined;
  if (!hc) return undefined;
  const num = (k: string, d: number) => (typeof hc[k] === 'number' ? (hc[k] as number) : d);
  return {
    protocol: typeof hc.protocol === 'string' ? hc.protocol : 'HTTP',
    ...(typeof hc.path === 'string' ? { path: hc.path } : {}),
    intervalSeconds: num('intervalSeconds', 60),
    timeoutSeconds: num('timeoutSeconds', 20),
    maxConsecutiveFailures: num('maxConsecutiveFailures', 3),
  };
}
