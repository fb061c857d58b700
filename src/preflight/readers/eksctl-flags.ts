import type { Finding } from '../../core/finding.js';
import { spanAt, type SourceFile } from '../../core/source.js';
import type { Located } from '../../core/span.js';
import type { EksctlCluster, Origin } from '../types.js';
import { problem } from './nodes.js';

/** A shell word with where it was written (quotes removed, `\`-newline continuations joined). */
export interface Word extends Located<string> {
  start: number;
  end: number;
}

/** Splits a command line as a POSIX shell would for plain words, quotes and line continuations. Linear. */
export function splitShellWords(source: SourceFile, from = 0, to = source.text.length): Word[] {
  const text = source.text;
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    let value = '';
    while (i < to) {
      const d = text[i];
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r') break;
      if (d === '\\') {
        if (text[i + 1] === '\n') {
          i += 2;
          continue;
        }
        value += text[i + 1] ?? '';
        i += 2;
      } else if (d === "'") {
        const close = text.indexOf("'", i + 1);
        const end = close < 0 || close > to ? to : close;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (d === '"') {
        i++;
        while (i < to && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < to) i++;
          value += text[i];
          i++;
        }
        i++;
      } else {
        value += d;
        i++;
      }
    }
    const end = Math.min(i, to);
    words.push({ value, start, end, span: spanAt(source, start, end) });
  }
  return words;
}

/** `eksctl create cluster` flags that take a value (pflag reads the next word unless written `--flag=value`). */
const VALUE_FLAGS = new Set([
  'name', 'region', 'version', 'node-type', 'nodes', 'nodes-min', 'nodes-max', 'nodegroup-name', 'zones', 'tags',
  'node-ami-family', 'node-ami', 'config-file', 'profile', 'timeout', 'vpc-cidr', 'vpc-private-subnets',
  'vpc-public-subnets', 'kubeconfig', 'node-volume-size', 'node-volume-type', 'max-pods-per-node', 'ssh-public-key',
  'instance-prefix', 'instance-name', 'cfn-role-arn', 'node-labels', 'node-zones', 'instance-types', 'ip-family',
  'vpc-nat-mode', 'vpc-from-kops-cluster', 'authenticator-role-arn', 'cfn-disable-rollback', 'color', 'verbose',
]);
const BOOL_FLAGS = new Set([
  'managed', 'asg-access', 'full-ecr-access', 'alb-ingress-access', 'external-dns-access', 'appmesh-access',
  'appmesh-preview-access', 'with-oidc', 'fargate', 'without-nodegroup', 'ssh-access', 'enable-ssm',
  'node-private-networking', 'install-vpc-controllers', 'install-nvidia-plugin', 'install-neuron-plugin', 'dry-run',
  'set-kubeconfig-context', 'auto-kubeconfig', 'write-kubeconfig', 'spot', 'enable-auto-mode', 'help',
]);
const SHORT: Record<string, string> = { n: 'name', r: 'region', t: 'node-type', N: 'nodes', m: 'nodes-min', M: 'nodes-max', f: 'config-file', p: 'profile', v: 'verbose', h: 'help' };
/** `--asg-access` and friends: the `withAddonPolicies` key each one sets on the initial nodegroup. */
const ADDON_FLAGS: Record<string, string> = {
  'asg-access': 'autoScaler', 'full-ecr-access': 'imageBuilder', 'alb-ingress-access': 'awsLoadBalancerController',
  'external-dns-access': 'externalDNS', 'appmesh-access': 'appMesh', 'appmesh-preview-access': 'appMeshPreview',
};

interface Flag {
  name: string;
  value: Located<string>;
  word: Word;
}

/**
 * Reads an `eksctl create cluster …` command line the way eksctl (cobra/pflag) parses it. Unknown flags and other
 * eksctl commands are reported, never dropped.
 */
export function readEksctlFlags(source: SourceFile): { cluster?: EksctlCluster; problems: Finding[] } {
  const problems: Finding[] = [];
  const words = splitShellWords(source).filter((w, i) => !(i === 0 && w.value === '$'));
  const start = words.findIndex((w) => w.value === 'eksctl' || w.value.endsWith('/eksctl'));
  if (start < 0 || words[start + 1]?.value !== 'create' || words[start + 2]?.value !== 'cluster') {
    const at = words[start < 0 ? 0 : start] ?? { span: spanAt(source, 0, 0) };
    problems.push(problem(source, at.span, 'preflight/unsupported-command', 'error', 'Not an `eksctl create cluster` command.',
      'Give the command as you run it, e.g. `eksctl create cluster --name demo --region us-east-1`.'));
    return { problems };
  }
  const flags: Flag[] = [];
  const rest = words.slice(start + 3);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    let name: string;
    let inline: string | undefined;
    if (word.value.startsWith('--')) {
      const eq = word.value.indexOf('=');
      name = eq < 0 ? word.value.slice(2) : word.value.slice(2, eq);
      inline = eq < 0 ? undefined : word.value.slice(eq + 1);
    } else if (word.value.startsWith('-') && word.value.length >= 2) {
      const short = SHORT[word.value[1]];
      if (!short) {
        problems.push(problem(source, word.span, 'preflight/unknown-flag', 'warning', `\`${word.value}\` is not an \`eksctl create cluster\` flag iamcheck knows.`,
          'Check the spelling; iamcheck ignored it.'));
        continue;
      }
      name = short;
      inline = word.value.length > 2 ? word.value.slice(word.value[2] === '=' ? 3 : 2) : undefined;
    } else {
      problems.push(problem(source, word.span, 'preflight/unexpected-argument', 'warning', `Unexpected argument \`${word.value}\`.`,
        'eksctl takes the cluster name as `--name`; iamcheck ignored this word.'));
      continue;
    }
    if (VALUE_FLAGS.has(name)) {
      if (inline !== undefined) flags.push({ name, value: { value: inline, span: word.span }, word });
      else if (rest[i + 1]) {
        flags.push({ name, value: { value: rest[i + 1].value, span: rest[i + 1].span }, word });
        i++;
      } else {
        problems.push(problem(source, word.span, 'preflight/flag-needs-value', 'error', `\`--${name}\` needs a value.`, `Write \`--${name} VALUE\`.`));
      }
    } else if (BOOL_FLAGS.has(name)) {
      const value = inline ?? 'true';
      if (value !== 'true' && value !== 'false') {
        problems.push(problem(source, word.span, 'preflight/flag-bad-bool', 'error', `\`--${name}\` takes true or false, not \`${value}\`.`, `Write \`--${name}\` or \`--${name}=false\`.`));
        continue;
      }
      flags.push({ name, value: { value, span: word.span }, word });
    } else {
      problems.push(problem(source, word.span, 'preflight/unknown-flag', 'warning', `\`--${name}\` is not an \`eksctl create cluster\` flag iamcheck knows.`,
        'Check the spelling (eksctl would refuse an unknown flag); iamcheck ignored it.'));
      // Its value, if it has one, goes with it.
      if (inline === undefined && rest[i + 1] && !rest[i + 1].value.startsWith('-')) i++;
    }
  }
  const last = (name: string): Flag | undefined => flags.filter((f) => f.name === name).at(-1);
  const on = (name: string): Origin | undefined => {
    const f = last(name);
    return f && f.value.value === 'true' ? { file: source.path, span: f.word.span } : undefined;
  };
  const origin: Origin = { file: source.path, span: spanAt(source, words[start].start, words.at(-1)!.end) };
  const cluster: EksctlCluster = {
    origin, existingVpc: Boolean(last('vpc-private-subnets') || last('vpc-public-subnets')),
    nodeGroups: [], serviceAccounts: [], podIdentityAssociations: [], fargateProfiles: [], accessEntries: [],
  };
  const name = last('name');
  if (name) cluster.name = name.value;
  const region = last('region');
  if (region) cluster.region = region.value;
  const version = last('version');
  if (version) cluster.version = version.value;
  const configFile = last('config-file');
  if (configFile) cluster.configFile = configFile.value;
  const withOidc = on('with-oidc');
  if (withOidc) cluster.withOIDC = withOidc;
  const autoMode = on('enable-auto-mode');
  if (autoMode) cluster.autoMode = autoMode;
  const fargate = on('fargate');
  if (fargate) cluster.fargateProfiles.push({ name: 'fp-default', origin: fargate });
  if (!on('without-nodegroup') && !fargate && !autoMode) {
    const managed = last('managed');
    const addonPolicies: Record<string, Origin> = {};
    for (const [flag, key] of Object.entries(ADDON_FLAGS)) {
      const set = on(flag);
      if (set) addonPolicies[key] = set;
    }
    const amiFamily = last('node-ami-family')?.value.value;
    cluster.nodeGroups.push({
      // A stand-in for the name eksctl generates (`ng-` + 8 hex digits); fixes turn it into `ng-*`.
      name: last('nodegroup-name')?.value.value ?? 'ng-1a2b3c4d',
      // INVARIANT: eksctl creates a managed nodegroup unless `--managed=false`.
      managed: managed ? managed.value.value === 'true' : true,
      origin: managed ? { file: source.path, span: managed.word.span } : origin,
      addonPolicies, ...(amiFamily ? { amiFamily } : {}),
    });
  }
  return { cluster, problems };
}

/** The ClusterConfig an eksctl command line names with `-f`/`--config-file`, so the loader can read it too. */
export function configFileOf(source: SourceFile): string | undefined {
  const words = splitShellWords(source);
  for (let i = 0; i < words.length; i++) {
    const w = words[i].value;
    if (w === '-f' || w === '--config-file') return words[i + 1]?.value;
    const m = /^(?:--config-file=|-f=?)(.+)$/.exec(w);
    if (m && w !== '--fargate') return m[1];
  }
  return undefined;
}
