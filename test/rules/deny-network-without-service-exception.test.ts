import denyNetworkWithoutServiceException from '../../rules/deny-network-without-service-exception.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-viaawsservice
ruleTester.run(denyNetworkWithoutServiceException, {
  valid: [
    {
      name: 'with aws:ViaAWSService',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}, "Bool": {"aws:ViaAWSService": "false"}}}]}`,
    },
    {
      name: 'RCP with aws:PrincipalIsAWSService',
      kind: 'rcp',
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpc": "vpc-1a2b3c4d"}, "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}}]}`,
    },
    { name: 'Allow from an IP range', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]}` },
    { name: 'Deny from a bad range (positive test)', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "OfficeOnly", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]}}}
  ]
}`,
      errors: [{ messageId: 'noServiceException', line: 4, column: 108, endLine: 4, endColumn: 122, data: { sid: '`OfficeOnly`', key: 'aws:SourceIp', values: '`192.0.2.0/24`' } }],
    },
    {
      name: 'bucket policy on a VPC endpoint',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}
  ]
}`,
      errors: [{ messageId: 'noServiceException', line: 4, column: 146, endLine: 4, endColumn: 162, data: { key: 'aws:SourceVpce' } }],
    },
    {
      name: 'RCP organization perimeter without a service exception',
      kind: 'rcp',
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]
}`,
      errors: [{ messageId: 'noServiceException', line: 3, column: 131, endLine: 3, endColumn: 151, data: { key: 'aws:PrincipalOrgID' } }],
    },
  ],
});
