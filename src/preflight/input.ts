import { dirname, isAbsolute, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import preflightSchema from '../../schemas/preflight.schema.json' with { type: 'json' };
import type { Account } from '../account/model.js';
import { findPrincipal, identityPoliciesOf, permissionBoundaryOf } from '../account/model.js';
import { InputError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { createSourceFile, type SourceFile } from '../core/source.js';
import { parsePolicy, policyFromTree } from '../policy/index.js';
import { detectFormat, parseSource, readSource } from '../policy/read.js';
import { getMember, nodeAtPath, toPlain, type ValueNode } from '../policy/tree.js';
import type { NormalizedPolicy, PolicyKind } from '../policy/types.js';
import type { PolicySource, PrincipalPolicies } from './evaluate.js';
import { configFileOf } from './readers/eksctl-flags.js';
import type { ConfigFormat } from './readers/index.js';
import { asArray, child, text } from './readers/nodes.js';
import type { PreflightInput, Operation } from './run.js';
import { KNOWN_FACTS, type Facts } from './types.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const validatePreflight = ajv.compile(preflightSchema);

/** How the preflight reads AWS managed policies: the catalog, loaded only when needed. */
export type ManagedPolicyLookup = (nameOrArn: string) => { name: string; arn: string; document: unknown } | undefined;

export async function catalogLookup(): Promise<ManagedPolicyLookup> {
  const { getCatalog } = await import('../catalog/index.js');
  return (nameOrArn) => getCatalog().managedPolicy(nameOrArn);
}

/** The Allow grants (action × first resource) of a managed policy document, for requirements "must be allowed what X grants". */
export function grantsOf(lookup: ManagedPolicyLookup): PreflightInput['managedPolicy'] {
  return (nameOrArn) => {
    const found = lookup(nameOrArn);
    if (!found) return undefined;
    const statements = (found.document as { Statement?: unknown }).Statement;
    const grants: { action: string; resource: string }[] = [];
    for (const s of Array.isArray(statements) ? statements : statements ? [statements] : []) {
      const st = s as { Effect?: string; Action?: string | string[]; Resource?: string | string[]; Condition?: unknown };
      if (st.Effect !== 'Allow' || !st.Action || st.Condition) continue;
      const resource = Array.isArray(st.Resource) ? st.Resource[0] : (st.Resource ?? '*');
      for (const action of Array.isArray(st.Action) ? st.Action : [st.Action]) grants.push({ action, resource });
    }
    return { name: found.name, arn: found.arn, grants };
  };
}

/** `/facts/github/ref` → the node, and a finding at it. */
function schemaFindings(errors: ErrorObject[], root: ValueNode, source: SourceFile): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = nodeAtPath(root, path);
    let span = node ? ('key' in node ? node.key.span : node.span) : root.span;
    let message = `${path.length ? `\`${path.join('.')}\`` : 'The preflight file'} ${e.message ?? 'is invalid'}.`;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const member = node && !('key' in node) && node.type === 'object' ? getMember(node, extra) : undefined;
      if (member) span = member.key.span;
      message = `Unknown key \`${extra}\`${path.length ? ` in \`${path.join('.')}\`` : ''}.`;
    }
    if (e.keyword === 'enum') message += ` Allowed: ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}.`;
    const key = `${span.start.offset}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ruleId: 'schema/preflight', severity: 'error', file: source.path, span, message, help: 'See schemas/preflight.schema.json for the preflight file format.' });
  }
  return out;
}

function inputError(finding: Finding): InputError {
  return new InputError(finding.message, finding.file, finding.span.start.line, finding.span.start.column, finding.help);
}

/** A config given as text inside the preflight file: the file itself with everything but the text blanked, so positions are the file's. */
export function embeddedText(node: ValueNode, source: SourceFile): SourceFile {
  const { start, end } = node.span;
  let from = start.offset;
  let to = end.offset;
  const first = source.text[from];
  if (first === '|' || first === '>') from = source.text.indexOf('\n', from) + 1;
  else if (first === '"' || first === "'") {
    from += 1;
    to -= 1;
  }
  if (first === '"' || first === "'" || first === '>') {
    // Escapes and folding change the text; the value as YAML read it is what the reader must see.
    const value = String((node as { value: unknown }).value);
    if (first === '>' || value !== source.text.slice(from, to)) return createSourceFile(source.path, source.text.slice(0, from).replace(/[^\r\n]/g, ' ') + value);
  }
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  return createSourceFile(source.path, blank(source.text.slice(0, from)) + source.text.slice(from, to) + blank(source.text.slice(to)));
}

interface Loaded {
  principal?: PrincipalPolicies;
  roles: Map<string, PrincipalPolicies>;
  resourcePolicies: Map<string, NormalizedPolicy>;
}

/** Reads the preflight file (YAML or JSON) and everything it names; bad input is an InputError at file:line:column. */
export async function loadPreflightFile(path: string, options: { lookup?: ManagedPolicyLookup; cwd?: string } = {}): Promise<PreflightInput> {
  // Files are named in the report as the user would write them: relative to the working directory.
  const cwd = options.cwd;
  const shown = (abs: string) => (cwd && abs.startsWith(`${cwd}/`) ? abs.slice(cwd.length + 1) : abs);
  const read = async (abs: string): Promise<SourceFile> => {
    try {
      return { ...(await readSource(abs)), path: shown(abs) };
    } catch (error) {
      if (error instanceof InputError && error.file === abs) throw new InputError(error.message, shown(abs), error.line, error.column, error.help);
      throw error;
    }
  };
  const source = await read(path);
  const parsed = parseSource(source, detectFormat(source));
  const fatal = parsed.findings.find((f) => f.fatal || f.severity === 'error');
  if (fatal || !parsed.root) throw inputError(fatal ?? { ruleId: 'parse', severity: 'error', file: path, span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }, message: 'Empty preflight file.', help: 'See schemas/preflight.schema.json.' });
  const root = parsed.root;
  if (!validatePreflight(toPlain(root))) {
    const findings = schemaFindings(validatePreflight.errors ?? [], root, source);
    throw inputError(findings[0]);
  }
  const dir = dirname(path);
  const lookup = options.lookup ?? (await catalogLookup());
  const rel = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
  const problems: Finding[] = [];
  const ignoredFacts: string[] = [];

  const document = async (node: ValueNode, kind: PolicyKind, name: string): Promise<NormalizedPolicy> => {
    const file = text(child(node, 'file'));
    if (file !== undefined && !child(node, 'Statement')) {
      const policySource = await read(rel(file));
      const result = parsePolicy(policySource, { kind, format: detectFormat(policySource) });
      const bad = result.findings.find((f) => f.fatal || f.severity === 'error');
      if (bad || !result.policy) throw inputError(bad!);
      return result.policy;
    }
    // A document AWS would reject cannot stand for anyone's permissions: exit 2 at its position.
    const { policy, findings } = policyFromTree(node, source, { kind, name });
    const bad = findings.find((f) => f.fatal || f.severity === 'error');
    if (bad) throw inputError(bad);
    return policy;
  };
  const block = async (node: ValueNode | undefined, arn: string, where: string): Promise<PrincipalPolicies> => {
    const out: PrincipalPolicies = { arn, identity: [] };
    let i = 0;
    for (const p of asArray(child(node, 'policies'))) out.identity.push(await document(p, 'identity', `${where}.policies[${i++}]`));
    for (const m of asArray(child(node, 'managedPolicies'))) {
      const name = text(m)!;
      const found = lookup(name);
      if (!found) throw new InputError(`\`${name}\` is not an AWS managed policy iamcheck knows.`, source.path, m.span.start.line, m.span.start.column,
        'Check the ARN; for a customer managed policy, put its document under `policies:`.');
      const result = parsePolicy(JSON.stringify(found.document), { kind: 'identity', name: found.name, path: found.arn });
      if (result.policy) out.identity.push(result.policy);
    }
    const trust = child(node, 'trustPolicy');
    if (trust) out.trustPolicy = await document(trust, 'trust', `${where}.trustPolicy`);
    const boundary = child(node, 'permissionBoundary');
    if (boundary) out.permissionBoundary = await document(boundary, 'boundary', `${where}.permissionBoundary`);
    return out;
  };

  const loaded: Loaded = { roles: new Map(), resourcePolicies: new Map() };
  const principalNode = child(root, 'principal');
  const principalArn = text(child(principalNode, 'arn'));
  if (principalNode) loaded.principal = await block(principalNode, principalArn ?? '', 'principal');
  for (const m of (child(root, 'roles')?.type === 'object' ? (child(root, 'roles') as { members: { key: { value: string }; value: ValueNode }[] }).members : [])) {
    loaded.roles.set(m.key.value, await block(m.value, m.key.value, `roles.${m.key.value}`));
  }
  for (const m of (child(root, 'resourcePolicies')?.type === 'object' ? (child(root, 'resourcePolicies') as { members: { key: { value: string }; value: ValueNode }[] }).members : [])) {
    loaded.resourcePolicies.set(m.key.value, await document(m.value, 'resource', `resourcePolicies.${m.key.value}`));
  }
  const accountNode = child(root, 'account');
  const accountPaths = accountNode?.type === 'string' ? [String(accountNode.value)] : asArray(accountNode).map(text).filter((x): x is string => x !== undefined);
  let account: Account | undefined;
  if (accountPaths.length) {
    const { readAccountFiles } = await import('../account/read.js');
    account = await readAccountFiles(accountPaths.map(rel));
    // Documents of the dump that could not be read: their principals' permissions are incomplete; say so.
    problems.push(...account.findings.map((f) => ({ ...f, file: shown(f.file) })));
  }
  const configs: PreflightInput['configs'] = [];
  for (const c of asArray(child(root, 'configs'))) {
    if (c.type === 'string') {
      configs.push({ source: await read(rel(String(c.value))) });
      continue;
    }
    const format = text(child(c, 'format')) as ConfigFormat | undefined;
    const file = text(child(c, 'file'));
    const textNode = child(c, 'text');
    const configSource = file !== undefined ? await read(rel(file)) : embeddedText(textNode!, source);
    configs.push({ source: configSource, ...(format ? { format } : {}) });
  }
  // `eksctl create cluster -f cluster.yaml`: the ClusterConfig decides what eksctl does, so read it as well.
  for (const c of [...configs]) {
    const named = c.format === 'eksctl-flags' || /^\s*(\$\s+)?(\S*\/)?eksctl\s/.test(c.source.text) ? configFileOf(c.source) : undefined;
    if (named && !configs.some((other) => other.source.path === shown(rel(named)))) configs.push({ source: await read(rel(named)), format: 'eksctl-yaml' });
  }
  const factsNode = child(root, 'facts');
  const facts = (factsNode ? toPlain(factsNode) : {}) as Facts & Record<string, unknown>;
  for (const m of factsNode?.type === 'object' ? factsNode.members : []) {
    if ((KNOWN_FACTS as readonly string[]).includes(m.key.value)) continue;
    delete facts[m.key.value];
    ignoredFacts.push(`facts.${m.key.value} (line ${m.key.span.start.line}): not a fact iamcheck uses`);
    problems.push({ ruleId: 'preflight/unknown-fact', severity: 'warning', file: source.path, span: m.key.span, message: `Fact \`${m.key.value}\` is not one iamcheck uses; it was ignored.`,
      help: `Known facts: ${KNOWN_FACTS.join(', ')}.` });
  }
  const operation = text(child(root, 'operation')) as Operation | undefined;
  const policies = policySource(loaded, account);
  return {
    ...(operation ? { operation } : {}), ...(principalArn ? { principalArn } : {}),
    policies, configs, facts, problems, ignoredFacts, managedPolicy: grantsOf(lookup),
    ...(loaded.principal ? { principalPolicies: loaded.principal.identity } : {}),
  };
}

/** The principals and resource policies the file gives, then the account dump's. */
export function policySource(loaded: Loaded, account?: Account): PolicySource {
  return {
    principal(arn) {
      if (loaded.principal && loaded.principal.arn === arn) return loaded.principal;
      const role = loaded.roles.get(arn);
      if (role) return role;
      if (!account) return undefined;
      const found = findPrincipal(account, arn);
      if (!found) return undefined;
      const out: PrincipalPolicies = { arn, identity: identityPoliciesOf(account, found).policies.map((p) => p.policy) };
      const boundary = permissionBoundaryOf(account, found).policy;
      if (boundary) out.permissionBoundary = boundary;
      if (found.type === 'role' && found.role.trustPolicy) out.trustPolicy = found.role.trustPolicy;
      return out;
    },
    resourcePolicy: (arn) => loaded.resourcePolicies.get(arn),
    kubernetesMappings: () => undefined,
  };
}
