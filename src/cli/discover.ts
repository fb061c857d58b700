import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { InputError } from '../core/errors.js';

/** Files `lint` looks at inside a directory. */
export const DEFAULT_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', 'dist', 'cdk.out']);

function hasGlobMagic(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(path, out);
    } else if (entry.isFile()) out.push(path);
  }
}

/** The static directory prefix of a glob (`policies/**\/*.json` → `policies`). */
function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const base: string[] = [];
  for (const part of parts) {
    if (hasGlobMagic(part)) break;
    base.push(part);
  }
  return base.join('/') || '.';
}

/**
 * Expands the command line's files, directories and globs into files, in a stable order, without duplicates.
 * Directories yield their JSON/YAML files, skipping `node_modules` and VCS folders; globs are file globs (minimatch).
 */
export async function discoverFiles(args: string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      found.push('-');
      continue;
    }
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch(() => undefined);
    if (info?.isFile()) {
      found.push(arg);
      continue;
    }
    if (info?.isDirectory()) {
      const files: string[] = [];
      await walk(abs, files);
      const matching = files.filter((f) => DEFAULT_EXTENSIONS.some((ext) => f.toLowerCase().endsWith(ext)));
      found.push(...matching.map((f) => relative(cwd, f) || f));
      continue;
    }
    if (hasGlobMagic(arg)) {
      const base = resolve(cwd, globBase(arg));
      const files: string[] = [];
      if (await stat(base).then((s) => s.isDirectory()).catch(() => false)) await walk(base, files);
      const rel = files.map((f) => relative(cwd, f).split(sep).join('/'));
      const matches = rel.filter((f) => minimatch(f, arg.replace(/^\.\//, ''), { dot: false }));
      if (!matches.length) throw new InputError(`No file matches the pattern \`${arg}\`.`, undefined, undefined, undefined, 'Check the pattern; quote it so that your shell does not expand it.');
      found.push(...matches);
      continue;
    }
    throw new InputError('No such file or directory.', arg, undefined, undefined, 'Check the path.');
  }
  return [...new Set(found)];
}
