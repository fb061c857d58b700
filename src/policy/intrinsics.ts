import type { ScalarNode, ValueNode } from './tree.js';

/** `Ref` and `Fn::Sub`-style keys: a one-member object with one of these keys is a CloudFormation intrinsic function. */
function intrinsicName(node: ValueNode): string | undefined {
  if (node.tag) return node.tag;
  if (node.type !== 'object' || node.members.length !== 1) return undefined;
  const key = node.members[0].key.value;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** The argument of an intrinsic: the tagged node itself (`!Sub x`), or the member value (`{"Fn::Sub": x}`). */
function argumentOf(node: ValueNode): ValueNode {
  if (node.tag || node.type !== 'object') return node;
  return node.members[0].value;
}

function render(node: ValueNode): string {
  const name = intrinsicName(node);
  if (!name) return node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? String(node.value) : '${…}';
  const arg = argumentOf(node);
  const fn = name.replace(/^!|^Fn::/, '');
  switch (fn) {
    case 'Sub':
      if (arg.type === 'string') return arg.value as string;
      if (arg.type === 'array' && arg.elements[0]?.type === 'string') return arg.elements[0].value as string;
      return '${Fn::Sub}';
    case 'Ref':
      return arg.type === 'string' ? `\${${arg.value as string}}` : '${Ref}';
    case 'GetAtt':
      if (arg.type === 'string') return `\${${arg.value as string}}`;
      if (arg.type === 'array') return `\${${arg.elements.map((e) => (e.type === 'string' ? e.value : '…')).join('.')}}`;
      return '${Fn::GetAtt}';
    case 'Join': {
      if (arg.type !== 'array' || arg.elements.length !== 2 || arg.elements[1].type !== 'array') return '${Fn::Join}';
      const [delimiter, parts] = arg.elements;
      const joiner = delimiter.type === 'string' ? (delimiter.value as string) : '';
      return (parts as { elements: ValueNode[] }).elements.map(render).join(joiner);
    }
    default:
      return `\${${name.startsWith('!') ? `Fn::${fn}` : name}}`;
  }
}

/**
 * A copy of a CloudFormation policy document in which every intrinsic function (`!Sub`, `{"Fn::Join": …}`,
 * `!Ref`, …) becomes a string: what it computes when that can be written down (`!Sub` gives its template,
 * `!Ref Bucket` gives `${Bucket}`, `Fn::Join` joins its parts), else `${Fn::If}`. The string keeps the function's
 * name as `tag`, so validation can say "computed at deploy time" instead of reporting a type error.
 */
export function resolveIntrinsics(node: ValueNode): ValueNode {
  const name = intrinsicName(node);
  if (name) {
    const out: ScalarNode = { type: 'string', value: render(node), span: node.span, tag: name };
    return out;
  }
  switch (node.type) {
    case 'object':
      return { ...node, members: node.members.map((m) => ({ ...m, value: resolveIntrinsics(m.value) })) };
    case 'array':
      return { ...node, elements: node.elements.map(resolveIntrinsics) };
    default:
      return node;
  }
}

/** True when the node is an intrinsic function call rather than a literal value. */
export function isIntrinsic(node: ValueNode): boolean {
  return intrinsicName(node) !== undefined;
}
