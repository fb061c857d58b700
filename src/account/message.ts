// Parses the access-denied messages AWS prints, as users paste them: the bare IAM sentence, with its
// `because no … allows` / `with an explicit deny in …` suffixes, wrapped by the AWS CLI (`An error occurred (X) when
// calling the Y operation: …`), inside JSON error bodies, S3 XML errors, or tool logs (`denied: …`, `API: x:Y …`),
// and EC2's encoded authorization messages.
// Format reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
// Parsing is done with indexOf and anchored, non-backtracking patterns: the text is the user's.
import type { PolicyType } from '../engine/types.js';

/** A policy type named in a message; `vpcEndpoint` is one iamcheck cannot see. */
export type MessagePolicyType = PolicyType | 'vpcEndpoint';

/** What an access-denied message says. Every field is optional: messages omit parts (no resource, no principal). */
export interface DeniedMessage {
  principal?: string;
  action?: string;
  resource?: string;
  /** `explicitDeny` for "with an explicit deny", `implicitDeny` for "because no … allows". */
  decision?: 'explicitDeny' | 'implicitDeny';
  /** The policy type the message blames. */
  policyType?: MessagePolicyType;
  /** The ARN of the denying policy, when AWS includes it (`…: arn:aws:organizations::…:policy/…`). */
  policyArn?: string;
  /** The AWS error code: `AccessDenied`, `AccessDeniedException`, `UnauthorizedOperation`, … */
  errorCode?: string;
  /** The API operation from the AWS CLI wrapper (`PutObject`). */
  operation?: string;
  /** EC2's encoded authorization failure message (decode with STS `DecodeAuthorizationMessage`). */
  encodedMessage?: string;
}

/** Longest message we look at; pasted logs beyond this are cut (the sentence is near the start). */
export const MAX_MESSAGE_LENGTH = 100_000;

const POLICY_TYPES: ReadonlyArray<[string, MessagePolicyType]> = [
  ['identity-based policy', 'identity'],
  ['identity-based policies', 'identity'],
  ['resource-based policy', 'resource'],
  ['resource-based policies', 'resource'],
  ['permissions boundary', 'permissionBoundary'],
  ['permissions boundaries', 'permissionBoundary'],
  ['session policy', 'session'],
  ['session policies', 'session'],
  ['service control policy', 'scp'],
  ['service control policies', 'scp'],
  ['resource control policy', 'rcp'],
  ['resource control policies', 'rcp'],
  ['vpc endpoint policy', 'vpcEndpoint'],
  ['vpc endpoint policies', 'vpcEndpoint'],
];

/** The policy type a phrase starts with (longest phrase first so plurals win over singulars). */
function policyTypeAt(text: string): { type: MessagePolicyType; length: number } | undefined {
  const lower = text.toLowerCase();
  let best: { type: MessagePolicyType; length: number } | undefined;
  for (const [phrase, type] of POLICY_TYPES) {
    if (lower.startsWith(phrase) && (!best || phrase.length > best.length)) best = { type, length: phrase.length };
  }
  return best;
}

/** The next whitespace-delimited token from `start`. */
function tokenAt(text: string, start: number): { token: string; end: number } {
  let i = start;
  while (i < text.length && /\s/.test(text[i])) i++;
  let end = i;
  while (end < text.length && !/\s/.test(text[end])) end++;
  return { token: text.slice(i, end), end };
}

/** Removes quotes and trailing sentence punctuation that tools add around ARNs and actions. */
function cleanToken(token: string): string {
  let t = token.replace(/^["'`(<]+/, '');
  t = t.replace(/["'`)>,;]+$/, '');
  if (t.endsWith('.') && !t.endsWith('..')) t = t.slice(0, -1);
  return t;
}

/** Pulls the message text out of JSON error bodies (`{"__type": …, "Message": …}`) and S3's XML errors. */
function unwrapBody(text: string, out: DeniedMessage): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const body = JSON.parse(trimmed) as Record<string, unknown>;
      const error = (typeof body.Error === 'object' && body.Error !== null ? body.Error : body) as Record<string, unknown>;
      const code = error.__type ?? error.Code ?? error.code;
      if (typeof code === 'string') out.errorCode = code.slice(code.lastIndexOf('#') + 1);
      const message = error.Message ?? error.message ?? error.errorMessage;
      if (typeof message === 'string') return message;
    } catch {
      // Not JSON after all: read it as text.
    }
  }
  const xmlCode = /<Code>([^<]{1,200})<\/Code>/.exec(text);
  const xmlMessage = /<Message>([^<]{1,20000})<\/Message>/.exec(text);
  if (xmlMessage) {
    if (xmlCode) out.errorCode = xmlCode[1];
    return xmlMessage[1];
  }
  return text;
}

/**
 * Reads an access-denied message. Returns what it could find; a text that names neither an action nor an
 * encoded message yields an object with no `action` (the caller says it could not read it).
 */
export function parseDeniedMessage(input: string): DeniedMessage {
  const out: DeniedMessage = {};
  let text = unwrapBody(input.slice(0, MAX_MESSAGE_LENGTH), out);

  const wrapper = /An error occurred \(([\w.]{1,100})\)(?: when calling the ([\w]{1,100}) operation)?(?: \(reached max retries: \d+\))?: ?/.exec(text);
  if (wrapper) {
    out.errorCode = wrapper[1];
    if (wrapper[2]) out.operation = wrapper[2];
    text = text.slice(wrapper.index + wrapper[0].length);
  } else {
    const code = /\b(AccessDenied(?:Exception)?|UnauthorizedOperation|UnauthorizedAccess|Forbidden|AuthorizationError)\b/.exec(text);
    if (code && !out.errorCode) out.errorCode = code[1];
  }

  const encoded = /Encoded authorization failure message: ?([A-Za-z0-9_\-+/=]{8,})/.exec(text);
  if (encoded) out.encodedMessage = encoded[1];

  const lower = text.toLowerCase();
  const marker = 'not authorized to perform';
  // EC2 prints "You are not authorized to perform this operation." before the sentence that names the action.
  let at = lower.indexOf(marker);
  while (at >= 0 && lower.startsWith(' this operation', at + marker.length)) at = lower.indexOf(marker, at + marker.length);
  if (at < 0) {
    // `API: ec2:CreateVpc You are not authorized to perform this operation.` (CloudFormation events).
    const api = /\bAPI: ([a-z0-9-]{1,60}:[A-Za-z0-9*]{1,128})/.exec(text);
    if (api) out.action = api[1];
    return out;
  }

  // The principal is the token before "is not authorized" (after `User:`/`Role:` when present).
  let before = text.slice(0, at).trimEnd();
  if (/ (is|are)$/i.test(before.slice(-4))) before = before.slice(0, before.length - 3).trimEnd();
  const principalToken = cleanToken(before.slice(Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'), before.lastIndexOf('\t')) + 1));
  if (principalToken.startsWith('arn:')) out.principal = principalToken;

  // The action: `perform: s3:PutObject` or `perform s3:PutObject`.
  let cursor = at + marker.length;
  if (text[cursor] === ':') cursor++;
  const action = tokenAt(text, cursor);
  const actionToken = cleanToken(action.token);
  if (/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(actionToken)) {
    out.action = actionToken;
    cursor = action.end;
  } else {
    const api = /\bAPI: ([a-z0-9-]{1,60}:[A-Za-z0-9*]{1,128})/.exec(text);
    if (api) out.action = api[1];
  }

  // The resource: `on resource: ARN` (also without the colon, or `on ARN`).
  const rest = text.slice(cursor);
  const onResource = /^\s+on (?:resource:?\s*)?/i.exec(rest);
  if (onResource) {
    const resource = tokenAt(rest, onResource[0].length);
    const token = cleanToken(resource.token);
    if (token && !/^(because|with)$/i.test(token)) out.resource = token;
  }

  // The reason.
  const implicit = lower.indexOf('because no ', at);
  if (implicit >= 0) {
    out.decision = 'implicitDeny';
    const type = policyTypeAt(text.slice(implicit + 'because no '.length));
    if (type) out.policyType = type.type;
  }
  const explicit = lower.indexOf('with an explicit deny', at);
  if (explicit >= 0) {
    out.decision = 'explicitDeny';
    const after = text.slice(explicit + 'with an explicit deny'.length);
    const inA = /^ in (?:a|an|the) /i.exec(after);
    if (inA) {
      const phrase = after.slice(inA[0].length);
      const type = policyTypeAt(phrase);
      if (type) {
        out.policyType = type.type;
        const arn = /^:\s*(arn:\S+)/.exec(phrase.slice(type.length));
        if (arn) out.policyArn = cleanToken(arn[1]);
      }
    }
  }
  return out;
}

/**
 * The request context that EC2's decoded authorization message carries (STS `DecodeAuthorizationMessage`):
 * `{"allowed", "explicitDeny", "context": {"principal": {"arn"}, "action", "resource", "conditions": {"items": …}}}`.
 */
export function readDecodedAuthorizationMessage(decoded: string): DeniedMessage & { context: Record<string, string | string[]> } {
  const out: DeniedMessage & { context: Record<string, string | string[]> } = { context: Object.create(null) as Record<string, string | string[]> };
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(decoded) as Record<string, unknown>;
  } catch {
    return out;
  }
  out.decision = body.explicitDeny === true ? 'explicitDeny' : 'implicitDeny';
  const context = (body.context ?? {}) as Record<string, unknown>;
  const principal = context.principal as Record<string, unknown> | undefined;
  if (typeof principal?.arn === 'string') out.principal = principal.arn;
  if (typeof context.action === 'string') out.action = context.action;
  if (typeof context.resource === 'string') out.resource = context.resource;
  const items = ((context.conditions as Record<string, unknown> | undefined)?.items ?? []) as Array<Record<string, unknown>>;
  for (const item of Array.isArray(items) ? items : []) {
    if (typeof item.key !== 'string') continue;
    const values = ((item.values as Record<string, unknown> | undefined)?.items ?? []) as Array<Record<string, unknown>>;
    const strings = (Array.isArray(values) ? values : []).map((v) => v.value).filter((v): v is string => typeof v === 'string');
    if (strings.length) out.context[item.key] = strings.length === 1 ? strings[0] : strings;
  }
  return out;
}
