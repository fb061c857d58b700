import type { Finding, Severity } from '../../core/finding.js';
import type { SourceFile } from '../../core/source.js';
import type { Located, Span } from '../../core/span.js';
import { getMember, type ObjectNode, type ValueNode } from '../../policy/tree.js';

/** Small readers over the positioned tree shared by the config readers. */

export function asObject(node: ValueNode | undefined): ObjectNode | undefined {
  return node?.type === 'object' ? node : undefined;
}

export function asArray(node: ValueNode | undefined): ValueNode[] {
  return node?.type === 'array' ? node.elements : [];
}

export function child(node: ValueNode | undefined, key: string): ValueNode | undefined {
  const object = asObject(node);
  return object ? getMember(object, key)?.value : undefined;
}

/** A scalar as a string (numbers and booleans as AWS and Kubernetes read them), with its span. */
export function located(node: ValueNode | undefined): Located<string> | undefined {
  if (!node || node.type === 'object' || node.type === 'array' || node.value === null) return undefined;
  return { value: String(node.value), span: node.span };
}

export function text(node: ValueNode | undefined): string | undefined {
  return located(node)?.value;
}

export function truthy(node: ValueNode | undefined): boolean {
  return node !== undefined && (node.type === 'boolean' ? node.value === true : node.type === 'string' && node.value === 'true');
}

export function problem(source: SourceFile | string, span: Span, ruleId: string, severity: Severity, message: string, help: string, notes?: string[]): Finding {
  return { ruleId, severity, message, file: typeof source === 'string' ? source : source.path, span, help, ...(notes ? { notes } : {}) };
}

/**
 * Keys that differ only in case from a key the reader knows: the tool reading the file ignores them (its keys are
 * case-sensitive), which silently changes what it does.
 */
export function checkKeyCase(node: ValueNode | undefined, known: readonly string[], file: string, where: string, consequence: (key: string) => string): Finding[] {
  const object = asObject(node);
  if (!object) return [];
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const findings: Finding[] = [];
  for (const m of object.members) {
    if (known.includes(m.key.value)) continue;
    const meant = byLower.get(m.key.value.toLowerCase());
    if (!meant) continue;
    findings.push(problem(file, m.key.span, 'preflight/wrong-case-key', 'error',
      `\`${m.key.value}\` is not a ${where} key; the key is \`${meant}\` (keys are case-sensitive).`,
      `Rename \`${m.key.value}\` to \`${meant}\`.`, [consequence(meant)]));
  }
  return findings;
}
