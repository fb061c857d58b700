import { createSourceFile } from '../../src/core/source.js';
import { readDockerfile } from '../../src/preflight/readers/dockerfile.js';

export function parseDockerfile(text: string) {
  return readDockerfile(createSourceFile('Dockerfile', text));
}
