import library from './library-types.json' with { type: 'json' };

/** The shape of library-types.json. */
interface LibraryTypes {
  javaLang: string[]; // simple names of java.lang types, which need no import
  methodReturns: Record<string, Record<string, string>>; // qualified type → method → qualified return type
  serializable: string[]; // interfaces that make a class Serializable
  notSerializable: string[]; // qualified names; `*` stands for one or more word characters
}

const LIBRARY: LibraryTypes = library;
const JAVA_LANG: ReadonlySet<string> = new Set(LIBRARY.javaLang);
const NOT_SERIALIZABLE = new RegExp(
  `^(?:${LIBRARY.notSerializable.map((g) => g.replace(/\./g, '\\.').replace(/\*/g, '\\w+')).join('|')})$`,
);

/** Whether a simple name is a java.lang type that a file uses without importing it. */
export function isJavaLangType(simpleName: string): boolean {
  return JAVA_LANG.has(simpleName);
}

/** The return type of a library method that wrappers and call chains go through, when it is known. */
export function knownReturnType(type: string, method: string): string | undefined {
  const methods = Object.hasOwn(LIBRARY.methodReturns, type) ? LIBRARY.methodReturns[type] : undefined;
  return methods && Object.hasOwn(methods, method) ? methods[method] : undefined;
}

/** Whether implementing this interface makes a class Serializable. */
export function isSerializableInterface(q: string): boolean {
  return LIBRARY.serializable.includes(q);
}

/** Whether a library type is never serializable: a session attribute holding one breaks the session store. */
export function notSerializableLibraryType(q: string): boolean {
  return NOT_SERIALIZABLE.test(q);
}
