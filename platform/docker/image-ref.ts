/** An image reference cut into its parts: registry.local:5000/team/shop:1.2 */
export interface ImageRef {
  registry?: string; // host[:port]; none for a local name
  name: string; // team/shop
  tag: string;
}

/** A first path part with a dot, a port or `localhost` is a registry host, as the Docker CLI reads it. */
export function parseImageRef(ref: string): ImageRef {
  const slash = ref.indexOf('/');
  const first = slash >= 0 ? ref.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (/[.:]/.test(first) || first === 'localhost');
  const rest = hasRegistry ? ref.slice(slash + 1) : ref;
  const colon = rest.lastIndexOf(':');
  const tagged = colon > rest.lastIndexOf('/');
  return {
    ...(hasRegistry ? { registry: first } : {}),
    name: tagged ? rest.slice(0, colon) : rest,
    tag: tagged ? rest.slice(colon + 1) : 'latest',
  };
}

export const formatImageRef = (r: ImageRef) =>
  `${r.registry ? `${r.registry.replace(/\/$/, '')}/` : ''}${r.name}:${r.tag}`;

/** --registry and --tag over the reference the generated files name. */
export function withOverrides(ref: ImageRef, o: { registry?: string; tag?: string }): ImageRef {
  const registry = o.registry?.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '');
  return { ...ref, ...(registry ? { registry } : {}), ...(o.tag ? { tag: o.tag } : {}) };
}
