import { describe, expect, it } from 'vitest';
import { groupedLeft } from '../cli/fix-summary.js';

describe('what fix leaves for a person', () => {
  it('the same thing at many places is one line with a few of its places and a count', () => {
    const writes = Array.from({ length: 8 }, (_, i) => ({
      tag: 'local-files',
      place: `src/A${i}.java:${10 + i}`,
      text: 'writes a local file; check its folder',
    }));
    const lines = groupedLeft([
      ...writes,
      { tag: 'logs', text: 'src/main/resources/log4j2.xml: replace it by hand' },
      { tag: 'session-store', text: 'add the manager by hand' },
      { tag: 'session-store', text: 'add the manager by hand' },
      { tag: 'tomcat-cluster', place: 'conf/server.xml:4', text: 'Tomcat cluster replication' },
    ]);
    expect(lines).toEqual([
      '  [local-files] writes a local file; check its folder (8 places: src/A0.java:10, src/A1.java:11, ' +
        'src/A2.java:12, src/A3.java:13, src/A4.java:14, … and 3 more)',
      '  [logs] src/main/resources/log4j2.xml: replace it by hand',
      '  [session-store] add the manager by hand',
      '  [session-store] add the manager by hand',
      '  [tomcat-cluster] conf/server.xml:4: Tomcat cluster replication',
    ]);
  });
});
