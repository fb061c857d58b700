/**
 * Action matching: `service:Action`, case-insensitive, with `*` and `?`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { compileWildcard, hasWildcard, type WildcardMatcher } from '../core/wildcard.js';

/** A compiled action pattern, with the service prefix it is indexed under (null when the prefix has a wildcard). */
export interface ActionPattern {
  raw: string;
  /** Lower-cased service prefix, or null for `*` and patterns whose prefix has a wildcard. */
  service: string | null;
  matcher: WildcardMatcher;
}

export function compileActionPattern(raw: string): ActionPattern {
  const colon = raw.indexOf(':');
  const prefix = colon < 0 ? raw : raw.slice(0, colon);
  const service = colon < 0 || hasWildcard(prefix) ? null : prefix.toLowerCase();
  return { raw, service, matcher: compileWildcard(raw, true) };
}

/** Lower-cased service prefix of a request action (`S3:GetObject` → `s3`). */
export function serviceOf(actionLower: string): string {
  const colon = actionLower.indexOf(':');
  return colon < 0 ? actionLower : actionLower.slice(0, colon);
}

/** Whether `action` matches the action pattern (case-insensitive, `*` and `?`). */
export function matchAction(pattern: string, action: string): boolean {
  return compileWildcard(pattern, true).test(action.toLowerCase());
}
