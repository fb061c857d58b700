import type { Finding } from '../../core/finding.js';
import { spanAt, type SourceFile } from '../../core/source.js';
import type { Dockerfile, DockerImageRef } from '../types.js';
import { problem } from './nodes.js';

interface Instruction {
  keyword: string;
  /** The arguments with continuations joined. */
  args: string;
  start: number;
  end: number;
  /** Offset of `args` in the source (exact when the instruction sits on one line). */
  argsStart: number;
}

/** Splits a Dockerfile into instructions, joining `\` continuations and skipping comments. */
function instructions(source: SourceFile): Instruction[] {
  const out: Instruction[] = [];
  const lines = source.text.split(/\r?\n/);
  let offset = 0;
  let current: Instruction | undefined;
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (current && trimmed.startsWith('#')) continue;
    const continued = /\\\s*$/.test(line);
    const body = continued ? line.replace(/\\\s*$/, '') : line;
    if (!current) {
      const match = /^(\s*)(\S+)(\s*)/.exec(body);
      if (!match) continue;
      current = { keyword: match[2].toUpperCase(), args: body.slice(match[0].length), start: lineStart + match[1].length, end: lineStart + body.length, argsStart: lineStart + match[0].length };
    } else {
      current.args += ` ${body.trim()}`;
      current.end = lineStart + body.length;
    }
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out;
}

/** `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alt}` as Docker substitutes them. */
function substitute(value: string, vars: Map<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_all, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const set = vars.get(name);
    if (op === '-') return set ? set : (word ?? '');
    if (op === '+') return set ? (word ?? '') : '';
    return set ?? '';
  });
}

/**
 * Reads the base images of a Dockerfile: `FROM [--platform=…] image [AS name]`, with `ARG` substitution (global ARGs
 * before the first FROM) and references to earlier stages left out (they are not pulled).
 */
export function readDockerfile(source: SourceFile): { dockerfile: Dockerfile; problems: Finding[] } {
  const problems: Finding[] = [];
  const globalArgs = new Map<string, string>();
  const stages = new Set<string>();
  const baseImages: DockerImageRef[] = [];
  let seenFrom = false;
  for (const ins of instructions(source)) {
    if (ins.keyword === 'ARG' && !seenFrom) {
      const [name, ...rest] = ins.args.trim().split('=');
      const value = rest.join('=').replace(/^["']|["']$/g, '');
      if (name) globalArgs.set(name.trim(), value);
      continue;
    }
    if (ins.keyword !== 'FROM') continue;
    seenFrom = true;
    const words = ins.args.trim().split(/\s+/);
    let platform: string | undefined;
    while (words[0]?.startsWith('--')) {
      const flag = words.shift()!;
      if (flag.startsWith('--platform=')) platform = substitute(flag.slice('--platform='.length), globalArgs);
    }
    const written = words[0];
    if (!written) {
      problems.push(problem(source, spanAt(source, ins.start, ins.end), 'preflight/dockerfile-from', 'error', '`FROM` without an image.', 'Name the base image.'));
      continue;
    }
    const image = substitute(written, globalArgs);
    const stage = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
    const imageOffset = source.text.indexOf(written, ins.argsStart);
    const span = imageOffset >= 0 && imageOffset < ins.end ? spanAt(source, imageOffset, imageOffset + written.length) : spanAt(source, ins.start, ins.end);
    if (image === '') {
      problems.push(problem(source, span, 'preflight/dockerfile-from', 'warning', `\`${written}\` expands to nothing (no ARG default).`,
        'Give the ARG a default before the first FROM, or pass it with --build-arg; iamcheck cannot tell which image is pulled.'));
    } else if (!stages.has(image.toLowerCase()) && image !== 'scratch') {
      baseImages.push({ image, origin: { file: source.path, span }, ...(platform ? { platform } : {}), ...(stage ? { stage } : {}) });
    }
    if (stage) stages.add(stage.toLowerCase());
  }
  return { dockerfile: { file: source.path, baseImages }, problems };
}

/** An image reference that names a private ECR repository. */
export interface EcrImage {
  account: string;
  region: string;
  repository: string;
  /** `arn:aws:ecr:<region>:<account>:repository/<name>` (`aws-cn` partition for `.amazonaws.com.cn`). */
  repositoryArn: string;
}

/** Parses `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repo>[:tag|@digest]`; undefined for other registries. */
export function parseEcrImage(image: string): EcrImage | undefined {
  const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@\s]+)/.exec(image);
  if (!match) return undefined;
  const [, account, region, cn, repository] = match;
  return { account, region, repository, repositoryArn: `arn:${cn ? 'aws-cn' : 'aws'}:ecr:${region}:${account}:repository/${repository}` };
}
