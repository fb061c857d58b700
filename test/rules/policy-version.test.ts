import policyVersion from '../../rules/policy-version.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
ruleTester.run(policyVersion, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}` },
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/\${aws:username}/*"}]}` },
  ],
  invalid: [
    {
      code: `{"Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}`,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 2 }],
    },
    {
      code: `{
  "Version": "2008-10-17",
  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/\${aws:username}/*"}]
}`,
      errors: [
        { messageId: 'outdated', line: 2, column: 14, endLine: 2, endColumn: 26 },
        { messageId: 'variableIgnored', line: 3, column: 75, endLine: 3, endColumn: 112, data: { variable: '${aws:username}', version: '2008-10-17' } },
      ],
    },
    {
      code: `{"Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::home",
  "Condition": {"StringLike": {"s3:prefix": ["\${aws:userid}/*"]}}}}`,
      errors: [
        { messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 2 },
        { messageId: 'variableIgnored', line: 2, column: 46, endLine: 2, endColumn: 63, data: { variable: '${aws:userid}' } },
      ],
    },
  ],
});
