import { propertyEntries, type PropertyNode } from '../../analyzers/config/properties.js';
import type { Location } from '../../analyzers/types.js';
import type { TextEdit } from './text-edit.js';
import type { TextFile } from './text-file.js';
import type { Workspace } from '../workspace.js';

/** A .properties file of the workspace as it is now, parsed with the analyzers' model. */
export interface PropertiesFile {
  rel: string;
  file: TextFile;
  entries: PropertyNode[];
}

export function readProperties(ws: Workspace, rel: string): PropertiesFile | undefined {
  const file = ws.read(rel);
  return file && { rel, file, entries: propertyEntries(file.text) };
}

/** The entry the analyzers placed at a location of the file as it was assessed (a finding's), where it is now. */
export function entryAt(ws: Workspace, p: PropertiesFile, at: Location): PropertyNode | undefined {
  const offset = ws.locate(p.rel, at);
  return offset === undefined ? undefined : p.entries.find((e) => e.spans.key.start === offset);
}

/** The first entry with this key. */
export const entryNamed = (p: PropertiesFile, key: string): PropertyNode | undefined =>
  p.entries.find((e) => e.key === key);

/** The value as written: escapes and continuation lines as they are in the file. */
export const writtenValue = (p: PropertiesFile, e: PropertyNode) =>
  p.file.text.slice(e.spans.value.start, e.spans.value.end);

export const valueEdit = (e: PropertyNode, text: string): TextEdit => ({ ...e.spans.value, text });

/** Removes an entry with its line(s) and line break. */
export function entryRemoval(p: PropertiesFile, e: PropertyNode): TextEdit {
  const start = p.file.text.lastIndexOf('\n', e.spans.key.start - 1) + 1;
  const eol = p.file.text.indexOf('\n', e.spans.value.end);
  return { start, end: eol < 0 ? p.file.text.length : eol + 1, text: '' };
}
