import publicPrincipal from '../../rules/public-principal.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
ruleTester.run(publicPrincipal, {
  valid: [
    {
      name: 'organization condition',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*",
  "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]}`,
    },
    {
      name: 'KMS key policy: caller account and via service',
      kind: 'resource',
      resourceType: 'AWS::KMS::Key',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
  "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.eu-west-1.amazonaws.com"}}}]}`,
    },
    { name: 'Deny to everyone', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}` },
    { name: 'named account', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}`, resourceType: 'AWS::KMS::Key' },

  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"},
    {"Sid": "Org", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*",
      "Condition": {"StringLike": {"aws:PrincipalOrgID": "o-*"}}},
    {"Sid": "Services", "Effect": "Allow", "Principal": {"Service": "*"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::site/*"}
  ]
}`,
      errors: [
        { messageId: 'anyone', line: 4, column: 55, endLine: 4, endColumn: 58, data: { sid: '`Public`', principal: '"*"' } },
        { messageId: 'meaningless', line: 6, column: 36, endLine: 6, endColumn: 56, data: { key: 'aws:PrincipalOrgID' } },
        { messageId: 'anyService', line: 7, column: 69, endLine: 7, endColumn: 72 },
      ],
    },
    {
      name: 'IfExists does not narrow',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q",
    "Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}}]
}`,
      errors: [{ messageId: 'anyone', line: 3, column: 58, endLine: 3, endColumn: 61, data: { principal: '{"AWS": "*"}' } }],
    },
    {
      name: 'Allow with NotPrincipal',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/blocked"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]
}`,
      errors: [{ messageId: 'notPrincipal', line: 3, column: 37, endLine: 3, endColumn: 51, data: { sid: '#1' } }],
    },
    {
      name: 'conditions that only look like a perimeter',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:*"}}},
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}
  ]
}`,
      errors: [
        { messageId: 'meaningless', line: 4, column: 150, endLine: 4, endColumn: 165, data: { key: 'aws:SourceArn' } },
        { messageId: 'meaningless', line: 5, column: 129, endLine: 5, endColumn: 143, data: { key: 'aws:SourceIp' } },
      ],
    },
  ],
});
