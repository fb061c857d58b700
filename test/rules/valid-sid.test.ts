import validSid from '../../rules/valid-sid.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
ruleTester.run(validSid, {
  valid: [
    { code: `{"Version": "2012-10-17", "Statement": [{"Sid": "ReadReports2026", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}` },
    { code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}` },
    {
      name: 'resource policies follow their service rules (SQS accepts dashes)',
      kind: 'resource',
      code: `{"Version": "2012-10-17", "Statement": [{"Sid": "allow-sns", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}]}`,
    },
  ],
  invalid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`,
      errors: [{ messageId: 'empty', line: 1, column: 49, endLine: 1, endColumn: 51 }],
    },
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read reports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
    {"Sid": "write_reports", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
  ]
}`,
      errors: [
        { messageId: 'invalidCharacters', line: 4, column: 13, endLine: 4, endColumn: 27, data: { sid: 'Read reports', character: 'a space' } },
        { messageId: 'invalidCharacters', line: 5, column: 13, endLine: 5, endColumn: 28, data: { character: '_' } },
      ],
    },
  ],
});
