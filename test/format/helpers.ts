import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/core/finding.js';
import { createSourceFile, spanAt, type SourceFile } from '../../src/core/source.js';

/** What a test says about a finding, besides where it is. */
export type FindingFields = Omit<Finding, 'file' | 'span' | 'fix'>;

/** Reads `fixtures/format/<name>` as a SourceFile labelled `label`. */
export function readFixture(name: string, label: string): SourceFile {
  const url = new URL(`../../fixtures/format/${name}`, import.meta.url);
  return createSourceFile(label, readFileSync(fileURLToPath(url), 'utf8'));
}

/** A source built from a literal text. */
export function sourceOf(label: string, text: string): SourceFile {
  return createSourceFile(label, text);
}

/**
 * A finding on the `occurrence`-th (0-based) `needle` in `source`. Tests still pin the resulting line and
 * column as literals in their expected output.
 */
export function findingOn(
  source: SourceFile,
  needle: string,
  fields: FindingFields,
  occurrence = 0,
): Finding {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = source.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture has no occurrence ${occurrence} of ${JSON.stringify(needle)}`);
  }
  return { ...fields, file: source.path, span: spanAt(source, at, at + needle.length) };
}

/** A finding on the offsets `[start, end)` of `source`. */
export function findingAt(
  source: SourceFile,
  start: number,
  end: number,
  fields: FindingFields,
): Finding {
  return { ...fields, file: source.path, span: spanAt(source, start, end) };
}

/** Removes ANSI SGR sequences. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
