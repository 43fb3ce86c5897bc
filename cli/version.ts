import { readPackageFile } from '../analyzers/read/package-files.js';

/** The installed package's version. */
export const packageVersion = (): string => JSON.parse(readPackageFile('package.json')).version;
