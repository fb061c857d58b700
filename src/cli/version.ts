import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The package's root folder, found upwards from this file (works from `src/` under vitest and from `dist/src/`). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "iamcheck"')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('iamcheck: cannot find its own package.json');
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

/** iamcheck's own version, from package.json (one fact, one place). */
export function toolVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
