import ejs from 'ejs';
import { readPackageFile } from '../../analyzers/read/package-files.js';

/** Fills one of the ejs templates of generators/deploy/templates/. */
export const renderTemplate = (name: string, view: Record<string, unknown>): string =>
  ejs.render(readPackageFile('generators/deploy/templates', name), view);
