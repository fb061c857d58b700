import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { createSourceFile } from '../../core/source.js';
import { parsePolicy } from '../../policy/index.js';
import { detectFormat, readSource } from '../../policy/read.js';
import type { PrincipalPolicies } from '../../preflight/evaluate.js';
import { catalogLookup, grantsOf, loadPreflightFile, policySource } from '../../preflight/input.js';
import { parseEcrImage } from '../../preflight/readers/dockerfile.js';
import { configFileOf } from '../../preflight/readers/eksctl-flags.js';
import type { ConfigFormat } from '../../preflight/readers/index.js';
import { reportToJson, reportToText } from '../../preflight/render.js';
import { runPreflight, type PreflightInput } from '../../preflight/run.js';
import { KNOWN_FACTS, type Facts } from '../../preflight/types.js';
import { parseCommandArgs, parseKeyValues } from '../args.js';
import type { Command } from '../command.js';
import { EXIT, type Io } from '../io.js';

const usage = `Usage: iamcheck preflight <preflight-file> [--format text|json]
       iamcheck preflight eks --eksctl "eksctl create cluster ..." | --config cluster.yaml [options]
       iamcheck preflight ecs --task-def td.json [--service svc.json] [options]
       iamcheck preflight ecr --dockerfile Dockerfile --push IMAGE [options]

Checks, before you deploy, that every IAM permission and trust the deploy needs is allowed: eksctl create cluster,
EKS workload roles (IRSA, Pod Identity), Kubernetes access, ECS task definitions and services, ECR push/pull,
GitHub Actions OIDC roles. Prints a checklist, the config problems, and the smallest statements to add.

The preflight file (YAML or JSON, schema: schemas/preflight.schema.json):
  operation: eksctl create cluster          # optional when the configs make it clear
  principal: { arn: ..., policies: [ {...} | {file: deployer.json} ], managedPolicies: [ARN], permissionBoundary: {...} }
  roles: { <role ARN>: { policies, managedPolicies, trustPolicy } }
  resourcePolicies: { <resource ARN>: {...} }     # e.g. an ECR repository policy in another account
  account: [ account.json ]                       # get-account-authorization-details dump(s)
  configs: [ { format: eksctl-flags, text: "eksctl create cluster ..." }, { file: cluster.yaml } ]
  facts: { region, accountId, clusterName, clusterOidcIssuer, oidcProviders, existingServiceLinkedRoles, secrets,
           repositories, pullThroughCacheRules, pushTarget, github: {repository, event, ref, environment}, ecsCluster }

Options (shortcuts):
  --eksctl <command>      eksctl command line (eks)
  --config <file>         eksctl ClusterConfig, ServiceAccount manifest, aws-auth, workflow, ... (repeatable)
  --task-def <file>       ECS task definition, registered or described form (ecs)
  --service <file>        ECS service definition (ecs)
  --dockerfile <file>     Dockerfile whose base images are pulled (ecr)
  --push <image>          image pushed: <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag> (ecr)
  --policy <file>         identity policy of the principal (repeatable)
  --principal <arn>       who runs the deploy
  --account <file>        account dump (repeatable)
  --region <region>       region, when no config says it
  --fact <key=value>      another string fact, e.g. clusterName=prod (repeatable)
  --format <name>         text | json (default: text)

Exit codes: 0 pass; 1 something the deploy needs is denied or a config problem; 2 bad input.
`;

const SHORTCUTS = ['eks', 'ecs', 'ecr'] as const;
const SHORTCUT_FLAGS = ['eksctl', 'config', 'task-def', 'service', 'dockerfile', 'push', 'policy', 'principal', 'account', 'region', 'fact'] as const;
const STRING_FACTS = ['region', 'accountId', 'clusterName', 'clusterOidcIssuer', 'pushTarget', 'ecsCluster', 'today'];
/** List facts take comma-separated values: `--fact existingServiceLinkedRoles=AWSServiceRoleForECS,AWSServiceRoleForAmazonEKS`. */
const LIST_FACTS = ['oidcProviders', 'existingServiceLinkedRoles'];

async function shortcutInput(kind: (typeof SHORTCUTS)[number], values: Record<string, string | string[] | boolean | undefined>, io: Io): Promise<PreflightInput> {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);
  const path = (p: string) => resolve(io.cwd, p);
  const configs: PreflightInput['configs'] = [];
  const add = async (file: string, format?: ConfigFormat) => configs.push({ source: { ...(await readSource(path(file))), path: file }, ...(format ? { format } : {}) });
  if (kind === 'eks') {
    if (typeof values.eksctl === 'string') {
      const flags = createSourceFile('<--eksctl>', values.eksctl);
      configs.push({ source: flags, format: 'eksctl-flags' });
      const named = configFileOf(flags);
      if (named) await add(named, 'eksctl-yaml');
    }
    else if (!list(values.config).length) throw new UsageError('preflight eks: give --eksctl "eksctl create cluster ..." or --config cluster.yaml.');
  }
  if (kind === 'ecs') {
    if (!list(values['task-def']).length) throw new UsageError('preflight ecs: give --task-def td.json.');
    for (const f of list(values['task-def'])) await add(f, 'ecs-taskdef-json');
    for (const f of list(values.service)) await add(f, 'ecs-service-json');
  }
  if (kind === 'ecr') {
    if (!list(values.dockerfile).length && typeof values.push !== 'string') throw new UsageError('preflight ecr: give --dockerfile and/or --push IMAGE.');
    for (const f of list(values.dockerfile)) await add(f, 'dockerfile');
  }
  for (const f of list(values.config)) await add(f);
  const facts: Facts & Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parseKeyValues('--fact', list(values.fact)))) {
    if (!(KNOWN_FACTS as readonly string[]).includes(k)) throw new UsageError(`--fact: \`${k}\` is not a fact iamcheck uses (known: ${KNOWN_FACTS.join(', ')}).`);
    if (LIST_FACTS.includes(k)) facts[k] = (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).filter((x) => x !== '');
    else if (STRING_FACTS.includes(k) && typeof v === 'string') facts[k] = v;
    else throw new UsageError(`--fact: \`${k}\` is structured or given twice; write it in a preflight file (facts:).`);
  }
  if (typeof values.region === 'string') facts.region = values.region;
  if (typeof values.push === 'string') {
    if (!parseEcrImage(values.push)) {
      throw new UsageError(`preflight: --push expects an image in a private ECR repository, not \`${values.push}\`; write <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>.`);
    }
    facts.pushTarget = values.push;
  }
  const principalArn = typeof values.principal === 'string' ? values.principal : undefined;
  const identity = [];
  for (const f of list(values.policy)) {
    const source = { ...(await readSource(path(f))), path: f };
    const parsed = parsePolicy(source, { kind: 'identity', format: detectFormat(source) });
    // A policy AWS would reject cannot stand for the principal's permissions: exit 2 at its position.
    const bad = parsed.findings.find((x) => x.fatal || x.severity === 'error');
    if (bad || !parsed.policy) {
      const { InputError } = await import('../../core/errors.js');
      throw new InputError(bad?.message ?? 'Unreadable policy.', bad?.file ?? f, bad?.span.start.line, bad?.span.start.column, bad?.help);
    }
    identity.push(parsed.policy);
  }
  const principal: PrincipalPolicies | undefined = identity.length ? { arn: principalArn ?? '', identity } : undefined;
  const accountFiles = list(values.account);
  let account;
  if (accountFiles.length) {
    const { readAccountFiles } = await import('../../account/read.js');
    account = await readAccountFiles(accountFiles.map(path));
  }
  const lookup = await catalogLookup();
  return {
    problems: (account?.findings ?? []).map((f) => (f.file.startsWith(`${io.cwd}/`) ? { ...f, file: f.file.slice(io.cwd.length + 1) } : f)),
    ...(principalArn ? { principalArn } : {}),
    policies: policySource({ ...(principal ? { principal } : {}), roles: new Map(), resourcePolicies: new Map() }, account),
    configs, facts, managedPolicy: grantsOf(lookup), principalPolicies: identity,
    ...(kind === 'ecs' && list(values.service).length ? { operation: 'ecs create service' as const } : {}),
  };
}

export const command: Command = {
  name: 'preflight',
  summary: 'Check that an EKS/ECS/ECR/CI deploy has every IAM permission and trust it needs, before running it',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('preflight', args, {
      format: { type: 'string', default: 'text' },
      eksctl: { type: 'string' },
      config: { type: 'string', multiple: true },
      'task-def': { type: 'string', multiple: true },
      service: { type: 'string', multiple: true },
      dockerfile: { type: 'string', multiple: true },
      push: { type: 'string' },
      policy: { type: 'string', multiple: true },
      principal: { type: 'string' },
      account: { type: 'string', multiple: true },
      region: { type: 'string' },
      fact: { type: 'string', multiple: true },
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`preflight: --format must be text or json, not \`${format}\`.`);
    const [first, ...extra] = positionals;
    if (!first) throw new UsageError('preflight: give a preflight file, or one of `eks`, `ecs`, `ecr` with its flags. Run `iamcheck preflight --help`.');
    if (extra.length) throw new UsageError(`preflight: unexpected argument \`${extra[0]}\`.`);
    const shortcut = (SHORTCUTS as readonly string[]).includes(first) ? (first as (typeof SHORTCUTS)[number]) : undefined;
    if (!shortcut) {
      // The shortcut flags describe the deploy; a preflight file does that itself, so both at once is a mistake.
      const given = SHORTCUT_FLAGS.filter((f) => values[f] !== undefined);
      if (given.length) {
        if (values.fact) parseKeyValues('--fact', values.fact);
        const facts = values.fact ? ` (write ${Object.keys(parseKeyValues('--fact', values.fact)).map((k) => `\`${k}\``).join(', ')} under \`facts:\` in the file)` : '';
        throw new UsageError(`preflight: --${given.join(', --')} ${given.length > 1 ? 'are' : 'is'} for the eks/ecs/ecr shortcuts, not for a preflight file${facts}.`);
      }
    }
    const input = shortcut ? await shortcutInput(shortcut, values, io) : await loadPreflightFile(resolve(io.cwd, first), { cwd: io.cwd });
    const report = runPreflight(input);
    io.stdout(format === 'json' ? `${JSON.stringify(reportToJson(report), null, 2)}\n` : reportToText(report, shortcut ? `preflight ${shortcut}` : first));
    return report.verdict === 'pass' ? EXIT.ok : EXIT.findings;
  },
};
