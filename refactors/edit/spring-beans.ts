import { elementsNamed, type XmlFile } from './xml-doc.js';

/** The bean that makes Spring resolve ${NAME:default} placeholders from the environment. */
export const PLACEHOLDER_BEAN =
  '<bean class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer"/>';

/** Whether an element's attributes or text mention a word (a class name, a bean name). */
export const mentions = (x: XmlFile, word: string): boolean =>
  x.doc.elements.some((e) => e.text.includes(word) || Object.values(e.attributes).some((v) => v.includes(word)));

/** Whether a Spring XML context already resolves ${...} placeholders. */
export const resolvesPlaceholders = (x: XmlFile): boolean =>
  elementsNamed(x, 'property-placeholder').length > 0 || mentions(x, 'PlaceholderConfigurer');

/** Whether a Spring XML context already processes @Configuration classes. */
export const processesAnnotations = (x: XmlFile): boolean =>
  x.doc.elements.some((e) => e.qname === 'context:annotation-config' || e.qname === 'context:component-scan');
