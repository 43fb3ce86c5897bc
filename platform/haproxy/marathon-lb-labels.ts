/** How marathon-lb routes one port of an app, read from the app's HAPROXY_* labels. */
export interface LbRouting {
  group: string;
  mode: 'http' | 'tcp';
  vhosts: string[]; // HAPROXY_{n}_VHOST: several hosts separated by commas
  path?: string; // HAPROXY_{n}_PATH: a path prefix, only routed together with a vhost
  sticky: boolean; // HAPROXY_{n}_STICKY: a cookie keeps a client on one task
  balance: string;
}

/** The labels of the port at `index` (marathon-lb's HAPROXY_{n}_*), with marathon-lb's defaults. */
export function lbRouting(labels: Record<string, string>, index = 0): LbRouting {
  const label = (name: string) => labels[`HAPROXY_${index}_${name}`];
  const vhosts = (label('VHOST') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const path = label('PATH')?.trim();
  return {
    group: labels.HAPROXY_GROUP ?? 'external',
    mode: label('MODE') === 'tcp' ? 'tcp' : 'http',
    vhosts,
    ...(path ? { path } : {}),
    sticky: label('STICKY')?.toLowerCase() === 'true',
    balance: label('BALANCE') ?? 'roundrobin',
  };
}
