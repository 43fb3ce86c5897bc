import type { JavaTypeDecl } from '../types.js';

// A read that takes the time the data last changed (`get(String key, long lastModified)`): each entry is checked
// against the source on every read, so the copy each instance keeps is never served stale.
const STAMP_NAME = /modified|since|timestamp|changed/i;
const STAMP_TYPE = /^(final\s+)?(long|Long|(java\.util\.)?Date|(java\.time\.)?Instant|(java\.sql\.)?Timestamp)$/;

/**
 * Whether a type is a cache whose reads are checked against the data's last-modified time: a `get` of a key and a
 * time stamp (not a finder such as `getPostsSince(Date since)`, which takes no key).
 */
export function validatesReads(t: JavaTypeDecl): boolean {
  return t.methods.some(
    (m) =>
      /^get(Value|Entry)?$/.test(m.name) &&
      m.params.length >= 2 &&
      m.params.some((p, i) => STAMP_NAME.test(p) && STAMP_TYPE.test((m.paramTypes?.[i] ?? '').trim())),
  );
}
