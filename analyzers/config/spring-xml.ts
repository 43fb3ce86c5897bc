import { childrenOf } from './xml.js';
import type { XmlFacts } from '../types.js';

export interface SpringBean {
  file: string;
  line: number;
  id?: string;
  className?: string;
  scope: string; // singleton unless declared
  scopedProxy: boolean;
  properties: { name: string; value?: string; ref?: string; line: number }[];
}

/** Beans of a Spring XML application context, with their scope and literal property values. */
export function springBeans(x: XmlFacts): SpringBean[] {
  if (x.root !== 'beans') return [];
  const beans: SpringBean[] = [];
  x.elements.forEach((el, i) => {
    if (el.name !== 'bean') return;
    const kids = childrenOf(x, i).filter((k) => !k.path.slice(el.path.length + 1).includes('/bean/'));
    const direct = (name: string) => kids.filter((k) => k.path === `${el.path}/${name}`);
    beans.push({
      file: x.file,
      line: el.line,
      id: el.attributes.id ?? el.attributes.name,
      className: el.attributes.class,
      scope: el.attributes.scope ?? 'singleton',
      scopedProxy: direct('scoped-proxy').length > 0,
      properties: direct('property').map((p) => {
        const valueChild = kids.find((k) => k.path === `${p.path}/value` && k.line >= p.line);
        return {
          name: p.attributes.name ?? '',
          value: p.attributes.value ?? valueChild?.text,
          ref: p.attributes.ref,
          line: p.line,
        };
      }),
    });
  });
  return beans;
}
