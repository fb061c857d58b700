import { describe, expect, it } from 'vitest';
import dataExfiltration from '../../rules/data-exfiltration.js';
import { getCatalog } from '../../src/catalog/index.js';
import { DATA_EXFILTRATION_ACTIONS } from '../../src/lint/privesc.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

describe('data-exfiltration data', () => {
  it('names only actions the catalog knows, in its case', () => {
    const catalog = getCatalog();
    expect(DATA_EXFILTRATION_ACTIONS.filter((a) => catalog.action(a)?.id !== a)).toEqual([]);
  });
});

ruleTester.run(dataExfiltration, {
  valid: [
    { name: 'one prefix', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/2026/*"}]}` },
    { name: 'decrypt through one service', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}]}` },
    { name: 'listing is not reading', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "ssm:DescribeParameters"], "Resource": "*"}]}` },
    { name: 'Deny', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:Get*", "ssm:GetParameter"], "Resource": "*"},
    {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:*:*:*"}
  ]
}`,
      errors: [
        { messageId: 'readsAll', line: 4, column: 36, endLine: 4, endColumn: 45, data: { actions: '`s3:GetObject`, `s3:GetObjectVersion`', via: 's3:Get*' } },
        { messageId: 'readsAll', line: 4, column: 47, endLine: 4, endColumn: 65, data: { actions: '`ssm:GetParameter`' } },
        { messageId: 'readsAll', line: 5, column: 35, endLine: 5, endColumn: 66, data: { sid: '#2' } },
      ],
    },
  ],
});
