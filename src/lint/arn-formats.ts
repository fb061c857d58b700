// Comparing the ARNs of a policy (which may contain `*`, `?` and `${…}` variables) with the ARN formats of the
// catalog (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`): can some concrete ARN match both?
import { splitArn } from '../catalog/arn-format.js';
import type { ActionInfo, Catalog, ResourceTypeInfo } from '../catalog/index.js';

/** A policy ARN with policy variables and CloudFormation `${…}` placeholders read as `*` (they stand for any text). */
export function wildcardVariables(arn: string): string {
  return arn.replace(/\$\{[^}]*\}/g, '*');
}

/** A catalog ARN format as a pattern: each `${Placeholder}` matches one or more characters (`?*`). */
export function formatPattern(format: string): string {
  return format.replace(/\$\{[^}]*\}/g, '?*');
}

/**
 * Whether two IAM wildcard patterns (`*` any run, `?` one character) can match a common text. Dynamic programming
 * over the two patterns: O(|a|·|b|) time, O(|b|) memory, no backtracking.
 */
export function patternsOverlap(a: string, b: string): boolean {
  const n = a.length;
  const m = b.length;
  // next[j] = overlap(i+1, j); cur[j] = overlap(i, j), filled from the ends backwards.
  let next = new Array<boolean>(m + 1).fill(false);
  let cur = new Array<boolean>(m + 1).fill(false);
  // Row i = n: only b's remaining stars can match the empty rest of a.
  next[m] = true;
  for (let j = m - 1; j >= 0; j--) next[j] = b[j] === '*' && next[j + 1];
  for (let i = n - 1; i >= 0; i--) {
    const ca = a[i];
    cur[m] = ca === '*' && next[m];
    for (let j = m - 1; j >= 0; j--) {
      const cb = b[j];
      let value: boolean;
      if (ca === '*') value = next[j] || cur[j + 1];
      else if (cb === '*') value = cur[j + 1] || next[j];
      else value = (ca === '?' || cb === '?' || ca === cb) && next[j + 1];
      cur[j] = value;
    }
    [next, cur] = [cur, next];
  }
  return next[0];
}

/** A catalog ARN format split into its six fields as patterns, compiled once. */
interface CompiledFormat {
  format: string;
  fields: string[];
  /** The literal text the resource part starts with (`instance/`), for a quick rejection. */
  resourcePrefix: string;
}

const compiledFormats = new Map<string, CompiledFormat>();

function compileFormat(format: string): CompiledFormat {
  let compiled = compiledFormats.get(format);
  if (!compiled) {
    const fields = splitArn(formatPattern(format));
    const resource = fields[5] ?? '';
    const wildcard = resource.search(/[*?]/);
    compiled = { format, fields, resourcePrefix: wildcard < 0 ? resource : resource.slice(0, wildcard) };
    compiledFormats.set(format, compiled);
  }
  return compiled;
}

/** Whether the (already split) policy ARN can match a compiled format. */
function fieldsMatch(arnFields: readonly string[], compiled: CompiledFormat): boolean {
  if (arnFields.length !== 6 || compiled.fields.length !== 6) return patternsOverlap(arnFields.join(':'), compiled.fields.join(':'));
  // Quick rejection on the literal start of the resource part (`instance/` vs `volume/…`).
  const resource = arnFields[5];
  const prefix = compiled.resourcePrefix;
  const literal = resource.search(/[*?]/);
  const comparable = Math.min(prefix.length, literal < 0 ? resource.length : literal);
  if (resource.slice(0, comparable) !== prefix.slice(0, comparable)) return false;
  if (literal < 0 && resource.length < prefix.length) return false;
  for (let i = 0; i < 6; i++) if (!patternsOverlap(arnFields[i], compiled.fields[i])) return false;
  return true;
}

/** Whether a policy ARN pattern and a catalog ARN format can name the same resource, field by field. */
export function arnMatchesFormat(arn: string, format: string): boolean {
  return fieldsMatch(splitArn(wildcardVariables(arn)), compileFormat(format));
}

/** Every resource type whose ARNs have a given service field (`kafka` is used by `kafka` and `kafka-cluster`). */
export interface ArnServiceIndex {
  typesFor(arnService: string): ResourceTypeInfo[];
}

const indexes = new WeakMap<Catalog, Map<string, ResourceTypeInfo[]>>();

/**
 * The resource types of the catalog grouped by their ARN's service field; built once per catalog (it reads every
 * service's resource types, about 2 MB).
 */
export function arnServiceIndex(catalog: Catalog): ArnServiceIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const service of catalog.services()) {
      for (const type of catalog.resourceTypes(service)) {
        for (const format of type.arnFormats) {
          const field = (splitArn(format)[2] ?? '').toLowerCase();
          const list = index.get(field) ?? [];
          if (!list.includes(type)) list.push(type);
          index.set(field, list);
        }
      }
    }
    indexes.set(catalog, index);
  }
  const built = index;
  return {
    typesFor(arnService: string): ResourceTypeInfo[] {
      const field = arnService.toLowerCase();
      if (field.includes('*') || field.includes('?')) {
        const out: ResourceTypeInfo[] = [];
        for (const [key, types] of built) if (patternsOverlap(field, key)) out.push(...types);
        return out;
      }
      return built.get(field) ?? [];
    },
  };
}

/** `arn:${Partition}:s3:::${BucketName}` → its resource part `${BucketName}`, split at the first `${`. */
function resourceParts(format: string): { literal: string; placeholder: string; rest: string } | undefined {
  const resource = splitArn(format)[5] ?? '';
  const open = resource.indexOf('${');
  if (open < 0) return undefined;
  const close = resource.indexOf('}', open);
  if (close < 0) return undefined;
  return { literal: resource.slice(0, open), placeholder: resource.slice(open, close + 1), rest: resource.slice(close + 1) };
}

/**
 * The ARN formats a policy ARN can stand for. A placeholder may contain `/` and `:` (ECR repositories, log groups),
 * but where a service has both `…${BucketName}` and `…${BucketName}/${ObjectName}`, an ARN whose resource part has
 * the `/` after the name is the longer form only: the data itself says the name ends there. So
 * `arn:aws:s3:::reports/*` is an object ARN, while `arn:aws:s3:::reports*` may be a bucket or an object.
 */
export function formatsForArn(catalog: Catalog, arn: string): string[] {
  let cache = arnFormatCache.get(catalog);
  if (!cache) arnFormatCache.set(catalog, (cache = new Map()));
  let found = cache.get(arn);
  if (!found) {
    found = computeFormatsForArn(catalog, arn);
    // Bounded: a long run over many files must not grow without limit.
    if (cache.size > 50_000) cache.clear();
    cache.set(arn, found);
  }
  return found;
}

const arnFormatCache = new WeakMap<Catalog, Map<string, string[]>>();
const serviceFormats = new WeakMap<Catalog, Map<string, CompiledFormat[]>>();

/** The compiled formats of every resource type whose ARNs have this service field. */
function formatsOfArnService(catalog: Catalog, field: string): CompiledFormat[] {
  let byField = serviceFormats.get(catalog);
  if (!byField) serviceFormats.set(catalog, (byField = new Map()));
  let list = byField.get(field);
  if (!list) {
    list = [...new Set(arnServiceIndex(catalog).typesFor(field).flatMap((t) => t.arnFormats))].map(compileFormat);
    byField.set(field, list);
  }
  return list;
}

function computeFormatsForArn(catalog: Catalog, arn: string): string[] {
  const fields = splitArn(wildcardVariables(arn));
  if (fields.length !== 6) return [];
  const overlapping = formatsOfArnService(catalog, fields[2].toLowerCase())
    .filter((f) => fieldsMatch(fields, f))
    .map((f) => f.format);
  const resource = fields[5];
  return overlapping.filter((format) => {
    const parts = resourceParts(format);
    // Only a format that ends with its first placeholder can be cut short by a longer sibling.
    if (!parts || parts.rest !== '') return true;
    const head = format.slice(0, format.length - parts.placeholder.length);
    for (const sibling of overlapping) {
      if (sibling === format || !sibling.startsWith(head + parts.placeholder)) continue;
      const separator = sibling.charAt(head.length + parts.placeholder.length);
      if (separator === '' || separator === '$') continue;
      if (!resource.startsWith(parts.literal)) continue;
      const after = resource.slice(parts.literal.length);
      // The separator written literally, after at least one name character, and before any wildcard.
      const at = after.indexOf(separator);
      const star = after.search(/[*?]/);
      if (at > 0 && (star < 0 || at < star)) return false;
    }
    return true;
  });
}

/** Every ARN format of the resource types whose ARNs have this service field (for invalid-arn). */
export function arnFormatsOfService(catalog: Catalog, field: string): string[] {
  return formatsOfArnService(catalog, field.toLowerCase()).map((f) => f.format);
}

const expansions = new WeakMap<Catalog, Map<string, ActionInfo[]>>();

/** `catalog.expandActionPattern`, remembered per pattern (policies repeat the same patterns). */
export function expandActions(catalog: Catalog, pattern: string): ActionInfo[] {
  let cache = expansions.get(catalog);
  if (!cache) expansions.set(catalog, (cache = new Map()));
  const key = pattern.toLowerCase();
  let found = cache.get(key);
  if (!found) {
    found = catalog.expandActionPattern(pattern);
    if (cache.size > 20_000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

const actionFormats = new WeakMap<Catalog, Map<string, Set<string> | null>>();

/** The ARN formats an action's resource types accept (empty set: no resource-level permissions); null when unknown. */
export function formatsOfAction(catalog: Catalog, info: ActionInfo): Set<string> | null {
  let cache = actionFormats.get(catalog);
  if (!cache) actionFormats.set(catalog, (cache = new Map()));
  let found = cache.get(info.id);
  if (found === undefined) {
    found = new Set();
    for (const type of info.resourceTypes) {
      const resourceType = catalog.resourceType(info.service, type.name);
      if (!resourceType) {
        found = null;
        break;
      }
      for (const format of resourceType.arnFormats) found.add(format);
    }
    cache.set(info.id, found);
  }
  return found;
}
