// Matching concrete ARNs against the ARN formats of the Service Authorization Reference, such as
// `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. No regular expression is built: formats become
// IAM wildcard patterns and use the non-backtracking matcher.
import { compileWildcard, type WildcardMatcher } from '../core/wildcard.js';

/** An ARN format compiled for matching. */
export interface CompiledArnFormat {
  readonly format: string;
  /** The format's service field (`s3`, or `${Vendor}` for formats that name no fixed service). */
  readonly service: string;
  /**
   * Literal characters in the format: with several formats matching one ARN, the one with more literal text is
   * the more specific (an object ARN `arn:aws:s3:::b/k` matches both `${BucketName}` and
   * `${BucketName}/${ObjectName}`; only the second has the `/`).
   */
  readonly specificity: number;
  matches(arn: string): boolean;
}

const VARIABLE = /\$\{[^}]*\}/g;

/**
 * Compiles an ARN format. The first five fields (`arn`, partition, service, Region, account) are matched
 * one by one, so a placeholder there never crosses `:`. In the resource part a placeholder matches any
 * non-empty text, including `/` and `:` (ECR repository names and CloudWatch log group names contain `/`).
 * A `*` in the format matches any text, as in a policy.
 */
export function compileArnFormat(format: string): CompiledArnFormat {
  const fields = splitArn(format);
  const toPattern = (text: string): string => text.replace(VARIABLE, '?*');
  const fieldMatchers: WildcardMatcher[] = fields.map((field) => compileWildcard(toPattern(field)));
  const specificity = format.replace(VARIABLE, '').replace(/\*/g, '').length;
  return {
    format,
    service: fields[2] ?? '',
    specificity,
    matches(arn: string): boolean {
      const parts = splitArn(arn);
      if (parts.length !== fieldMatchers.length) return false;
      for (let index = 0; index < parts.length; index++) {
        if (!fieldMatchers[index].matches(parts[index])) return false;
      }
      return true;
    },
  };
}

/** Splits an ARN into its first five `:`-separated fields and the resource part (which may contain `:`). */
export function splitArn(arn: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let field = 0; field < 5; field++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) {
      parts.push(arn.slice(start));
      return parts;
    }
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}
