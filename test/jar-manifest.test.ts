import { describe, expect, it } from 'vitest';
import { manifestAttributes, manifestVersion } from '../analyzers/read/jar-manifest.js';

describe('jar manifests', () => {
  it('joins continuation lines and stops at the end of the main section', () => {
    const text =
      'Manifest-Version: 1.0\r\nImplementation-Title: Spring Framework for a very long title that\r\n  wraps\r\n' +
      'Implementation-Version: 2.5.6\r\n\r\nName: org/springframework/\r\nImplementation-Version: 9.9\r\n';
    const attrs = manifestAttributes(text);
    expect(attrs.get('Implementation-Title')).toBe('Spring Framework for a very long title that wraps');
    expect(attrs.get('Implementation-Version')).toBe('2.5.6');
    expect(manifestVersion(text)).toBe('2.5.6');
  });

  it('trusts Implementation-Version, then Bundle-Version, then Specification-Version; never a non-version', () => {
    expect(manifestVersion('Bundle-Version: 3.0.5.RELEASE\nSpecification-Version: 3.0\n')).toBe('3.0.5.RELEASE');
    expect(manifestVersion('Implementation-Version: ${project.version}\nSpecification-Version: 2.5\n')).toBe('2.5');
    expect(manifestVersion('Created-By: 1.5.0 (Sun)\n')).toBeUndefined();
  });
});
