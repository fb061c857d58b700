import type { Finding } from '../../core/finding.js';
import { createSourceFile, type SourceFile } from '../../core/source.js';
import { parseYaml } from '../../policy/parse-yaml.js';
import type { ValueNode } from '../../policy/tree.js';
import type { AwsAuthMapping, ServiceAccountManifest } from '../types.js';
import { asArray, child, located, problem, text } from './nodes.js';

/**
 * Parses every document of a multi-document YAML stream (`---`). Each document is parsed from a copy of the text in
 * which the other documents are blanked out, so positions stay those of the original file.
 */
export function parseYamlDocuments(source: SourceFile): { roots: ValueNode[]; problems: Finding[] } {
  const text = source.text;
  const separators: number[] = [];
  // Indented separators too: a stream embedded in a preflight file keeps its block indentation.
  const re = /^[ \t]*---[ \t]*(?:#.*)?$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) separators.push(m.index);
  if (separators.length === 0) {
    const parsed = parseYaml(source);
    return { roots: parsed.root ? [parsed.root] : [], problems: parsed.findings };
  }
  const bounds: [number, number][] = [];
  let from = 0;
  for (const at of separators) {
    bounds.push([from, at]);
    from = text.indexOf('\n', at) + 1 || text.length;
  }
  bounds.push([from, text.length]);
  const roots: ValueNode[] = [];
  const problems: Finding[] = [];
  for (const [start, end] of bounds) {
    if (text.slice(start, end).trim() === '') continue;
    const masked = text.slice(0, start).replace(/[^\r\n]/g, ' ') + text.slice(start, end) + text.slice(end).replace(/[^\r\n]/g, ' ');
    const parsed = parseYaml(createSourceFile(source.path, masked));
    problems.push(...parsed.findings);
    if (parsed.root && parsed.root.type !== 'null') roots.push(parsed.root);
  }
  return { roots, problems };
}

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** Reads a Kubernetes ServiceAccount and its IRSA annotation. A policy ARN where a role ARN belongs is a problem. */
export function readServiceAccount(root: ValueNode, source: SourceFile): { serviceAccount: ServiceAccountManifest; problems: Finding[] } {
  const metadata = child(root, 'metadata');
  const serviceAccount: ServiceAccountManifest = {
    origin: { file: source.path, span: root.span },
    namespace: text(child(metadata, 'namespace')) ?? 'default',
    name: text(child(metadata, 'name')) ?? '',
  };
  const problems: Finding[] = [];
  const roleArn = located(child(child(metadata, 'annotations'), IRSA_ANNOTATION));
  if (roleArn) {
    serviceAccount.roleArn = roleArn;
    if (/^arn:[^:]+:iam::[^:]*:policy\//.test(roleArn.value)) {
      problems.push(problem(source, roleArn.span, 'preflight/policy-arn-as-role', 'error',
        `The \`${IRSA_ANNOTATION}\` annotation names a policy, not a role.`,
        'Create a role with this policy attached and a trust policy for the cluster\'s OIDC provider, and put the role ARN here.',
        ['The pod identity webhook can only assume roles; with a policy ARN the pod falls back to the node role (aws-ebs-csi-driver#1449).']));
    } else if (!/^arn:[^:]+:iam::\d{12}:role\//.test(roleArn.value)) {
      problems.push(problem(source, roleArn.span, 'preflight/bad-role-arn', 'error', `\`${roleArn.value}\` is not a role ARN.`,
        'Write `arn:aws:iam::<account>:role/<name>`.'));
    }
  }
  return { serviceAccount, problems };
}

/** Reads `mapRoles`/`mapUsers` of the `aws-auth` ConfigMap (YAML lists inside strings). */
export function readAwsAuth(root: ValueNode, source: SourceFile): { mappings: AwsAuthMapping[]; problems: Finding[] } {
  const data = child(root, 'data');
  const mappings: AwsAuthMapping[] = [];
  const problems: Finding[] = [];
  for (const [key, kind, arnKey] of [['mapRoles', 'role', 'rolearn'], ['mapUsers', 'user', 'userarn']] as const) {
    const value = child(data, key);
    if (!value || value.type !== 'string') continue;
    // The embedded YAML is parsed on its own; its findings are reported at the ConfigMap key.
    const inner = parseYaml(createSourceFile(source.path, String(value.value)));
    if (!inner.root) {
      problems.push(problem(source, value.span, 'preflight/aws-auth-yaml', 'error', `\`data.${key}\` is not valid YAML.`, 'Fix the YAML inside the string.'));
      continue;
    }
    for (const entry of asArray(inner.root)) {
      const arn = text(child(entry, arnKey));
      if (!arn) continue;
      const groups = asArray(child(entry, 'groups')).map(text).filter((x) => x !== undefined);
      const username = text(child(entry, 'username'));
      mappings.push({ arn: { value: arn, span: value.span }, kind, groups, ...(username ? { username } : {}) });
      if (kind === 'role' && /^arn:[^:]+:iam::\d{12}:role\/.+\/[^/]+$/.test(arn)) {
        problems.push(problem(source, value.span, 'preflight/aws-auth-role-path', 'error',
          `\`rolearn: ${arn}\` has a path; aws-auth matches role ARNs without their path, so this entry never matches.`,
          `Write \`${arn.replace(/:role\/.*\//, ':role/')}\`.`, ['EKS User Guide, troubleshooting "Unauthorized"; eksctl#2745.']));
      }
    }
  }
  return { mappings, problems };
}

/** Principal ARNs of EKS access entries: `list-access-entries`, `describe-access-entry` output, or a plain list. */
export function readAccessEntries(root: ValueNode): { value: string; span: ValueNode['span'] }[] {
  const list = root.type === 'array' ? root : child(root, 'accessEntries');
  const single = child(root, 'accessEntry');
  const nodes = single ? [single] : asArray(list);
  return nodes.flatMap((n) => {
    const arn = located(n.type === 'object' ? child(n, 'principalArn') ?? child(n, 'principalARN') : n);
    return arn ? [arn] : [];
  });
}
