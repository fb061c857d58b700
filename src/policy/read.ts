import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import { createSourceFile, positionAt, type SourceFile } from '../core/source.js';
import { parseJson, type ParseResult } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';

/**
 * Largest file we read. IAM documents are at most 20 KB (S3 bucket policies); CloudFormation templates 1 MB;
 * Terraform plans and account dumps can be tens of MB.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Decodes UTF-8, dropping a BOM; invalid bytes are an InputError at their line:column. */
export function decodeSource(path: string, bytes: Uint8Array): SourceFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = createSourceFile(path, new TextDecoder('utf-8').decode(bytes.subarray(0, bad)));
    const pos = positionAt(prefix, prefix.text.length);
    throw new InputError(`Invalid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte offset ${bad}).`, path, pos.line, pos.column,
      'IAM policies are UTF-8 text; re-save the file as UTF-8.');
  }
  return createSourceFile(path, text);
}

/** Byte index of the first invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong 3-byte, surrogates and >U+10FFFF forms are rejected by the decoder too.
    if (need === 2 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0))) return i;
    if (need === 3 && ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90))) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

/** Reads a file as a SourceFile; unreadable, too large or non-UTF-8 input is an InputError. */
export async function readSource(path: string, maxBytes = MAX_FILE_BYTES): Promise<SourceFile> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError('Is a directory, not a file.', path, undefined, undefined, 'Pass a file, or a directory to `lint`.');
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'No such file.' : `Cannot read the file (${code ?? 'unknown error'}).`, path, undefined, undefined,
      'Check the path and its permissions.');
  }
  if (size > maxBytes) {
    throw new InputError(`The file is ${size} bytes, over the limit of ${maxBytes} bytes.`, path, 1, 1,
      'IAM policies are at most a few KB; pass the policy itself, not an archive or a log.');
  }
  const bytes = await readFile(path);
  return decodeSource(path, bytes);
}

export type DocumentFormat = 'json' | 'yaml';

/** JSON for `.json` and for text starting with `{`/`[`, YAML otherwise. */
export function detectFormat(source: SourceFile): DocumentFormat {
  const ext = extname(source.path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml' || ext === '.template') {
    return /^\s*[{[]/.test(source.text) && ext === '.template' ? 'json' : 'yaml';
  }
  return /^\s*[{[]/.test(source.text) || source.text.trim() === '' ? 'json' : 'yaml';
}

export function parseSource(source: SourceFile, format: DocumentFormat = detectFormat(source)): ParseResult {
  return format === 'json' ? parseJson(source) : parseYaml(source);
}
