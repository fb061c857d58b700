import { describe, expect, it } from 'vitest';
import { authorize, parseTemplate } from '../../src/engine/index.js';
import type { ContextValue } from '../../src/engine/types.js';
import { parsePolicy } from '../../src/policy/index.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
describe('parseTemplate', () => {
  it('splits text and variables, with defaults and the special ${*} ${?} ${$}', () => {
    expect(parseTemplate('home/${aws:username}/*').parts).toEqual([
      { kind: 'text', text: 'home/' },
      { kind: 'variable', key: 'aws:username', keyLower: 'aws:username', raw: '${aws:username}' },
      { kind: 'text', text: '/*' },
    ]);
    expect(parseTemplate("${aws:PrincipalTag/team, 'none'}").parts).toEqual([
      { kind: 'variable', key: 'aws:PrincipalTag/team', keyLower: 'aws:principaltag/team', default: 'none', raw: "${aws:PrincipalTag/team, 'none'}" },
    ]);
    expect(parseTemplate("${x, 'it''s'}").parts[0]).toMatchObject({ default: "it's" });
    expect(parseTemplate('a${*}b').parts[1]).toMatchObject({ kind: 'variable', key: '', default: '*' });
    expect(parseTemplate('no ${variable here').hasVariables).toBe(false);
  });
});

const USER = 'arn:aws:iam::111122223333:user/alice';

function decide(version: string | undefined, statement: Record<string, unknown>, resource: string, context: Record<string, ContextValue> = {}, principal = USER) {
  const doc = version ? { Version: version, Statement: [statement] } : { Statement: [statement] };
  const policy = parsePolicy(JSON.stringify(doc)).policy!;
  return authorize({ principal, action: 's3:GetObject', resource, context }, { identity: [policy] }).decision;
}

describe('policy variables in Resource and Condition', () => {
  const cases: Array<[name: string, version: string | undefined, statement: Record<string, unknown>, resource: string, context: Record<string, ContextValue>, expected: string]> = [
    ['${aws:username} derived from the user ARN', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }, 'arn:aws:s3:::b/home/alice/x', {}, 'allowed'],
    ['another user folder', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }, 'arn:aws:s3:::b/home/bob/x', {}, 'implicitDeny'],
    // Under Version 2008-10-17, or with no Version, `${…}` is literal text.
    ['2008-10-17: literal', '2008-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }, 'arn:aws:s3:::b/home/alice/x', {}, 'implicitDeny'],
    ['2008-10-17: literal text matches', '2008-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }, 'arn:aws:s3:::b/home/${aws:username}/x', {}, 'allowed'],
    ['no Version: literal', undefined, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }, 'arn:aws:s3:::b/home/alice/x', {}, 'implicitDeny'],
    ['principal tag', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*' }, 'arn:aws:s3:::b/red/x', { 'aws:PrincipalTag/team': 'red' }, 'allowed'],
    // A variable with no value matches nothing in Resource.
    ['missing key in Resource', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*' }, 'arn:aws:s3:::b/red/x', {}, 'implicitDeny'],
    ['default value', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*" }, 'arn:aws:s3:::b/shared/x', {}, 'allowed'],
    ['${*} is a literal star', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${*}' }, 'arn:aws:s3:::b/x', {}, 'implicitDeny'],
    ['${*} matches a star', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${*}' }, 'arn:aws:s3:::b/*', {}, 'allowed'],
    ['a substituted value is literal, not a wildcard', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/team}/x' }, 'arn:aws:s3:::b/red/x', { 'aws:PrincipalTag/team': '*' }, 'implicitDeny'],
    ['condition value variable', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:ExistingObjectTag/owner': '${aws:username}' } } }, 'arn:aws:s3:::b/x', { 's3:ExistingObjectTag/owner': 'alice' }, 'allowed'],
    ['StringLike with a variable keeps the pattern wildcards', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } } }, 'arn:aws:s3:::b', { 's3:prefix': 'home/alice/docs' }, 'allowed'],
    // No value: a positive operator does not match, a negated one does.
    ['unresolved in StringEquals', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:prefix': '${aws:PrincipalTag/team}' } } }, 'arn:aws:s3:::b', { 's3:prefix': 'red' }, 'implicitDeny'],
    ['unresolved in StringNotEquals', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringNotEquals: { 's3:prefix': '${aws:PrincipalTag/team}' } } }, 'arn:aws:s3:::b', { 's3:prefix': 'red' }, 'allowed'],
    ['federated user has no aws:username', '2012-10-17', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' }, 'arn:aws:s3:::b/home/alice/x', {}, 'implicitDeny'],
  ];
  it.each(cases)('%s', (name, version, statement, resource, context, expected) => {
    const principal = name.startsWith('federated') ? 'arn:aws:sts::111122223333:federated-user/alice' : USER;
    // The federated case carries a permissive session policy so that only the variable decides.
    if (principal !== USER) {
      const identity = parsePolicy(JSON.stringify({ Version: version, Statement: [statement] })).policy!;
      const session = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }), { kind: 'session' }).policy!;
      expect(authorize({ principal, action: 's3:GetObject', resource, context }, { identity: [identity], session }).decision).toBe(expected);
      return;
    }
    expect(decide(version, statement, resource, context)).toBe(expected);
  });
});
