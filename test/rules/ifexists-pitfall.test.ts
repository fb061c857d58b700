import ifexistsPitfall from '../../rules/ifexists-pitfall.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (aws:SourceVpce, aws:SourceArn, aws:PrincipalOrgID availability)
const statement = (effect: string, condition: string): string =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "${effect}", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": ${condition}}]}`;

ruleTester.run(ifexistsPitfall, {
  valid: [
    { name: 'without IfExists', kind: 'resource', code: statement('Allow', `{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`) },
    { name: 'negated operator', kind: 'resource', code: statement('Allow', `{"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}`) },
    { name: 'Deny: IfExists only widens it', kind: 'resource', code: statement('Deny', `{"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}`) },
    { name: 'a key that is not a restriction', kind: 'resource', code: statement('Allow', `{"StringEqualsIfExists": {"s3:x-amz-acl": "private"}}`) },
    { name: 'MFA is another rule', kind: 'resource', code: statement('Allow', `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}`) },
  ],
  invalid: [
    {
      kind: 'resource',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadFromVpc",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*",
      "Condition": {
        "StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d", "AWS:PrincipalOrgID": "o-a1b2c3d4e5"},
        "ArnLikeIfExists": {"aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/E1"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'allowIfAbsent', line: 11, column: 9, endLine: 11, endColumn: 31, data: { sid: '`ReadFromVpc`', key: 'aws:SourceVpce', absentFor: 'requests that do not come through a VPC endpoint' } },
        { messageId: 'allowIfAbsent', line: 11, column: 9, endLine: 11, endColumn: 31, data: { key: 'AWS:PrincipalOrgID', absentFor: 'anonymous requests' } },
        { messageId: 'allowIfAbsent', line: 12, column: 9, endLine: 12, endColumn: 26, data: { operator: 'ArnLikeIfExists', absentFor: 'requests not made by an AWS service on behalf of a resource' } },
      ],
    },
  ],
});
