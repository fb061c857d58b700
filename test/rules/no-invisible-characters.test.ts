import noInvisibleCharacters from '../../rules/no-invisible-characters.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// Proposal whitespace-or-invisible-chars (lint-checks.md): AWS compares these values byte for byte.
ruleTester.run(noInvisibleCharacters, {
  valid: [
    {
      code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/résumé.pdf",
  "Condition": {"StringEquals": {"aws:PrincipalTag/team": "équipe web"}}}]}`,
    },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject ",
        "s3:Put\\u200bObject",
        "s3:GetОbject"
      ],
      "Resource": [
        " arn:aws:s3:::reports/*",
        "arn:aws:s3:::reports/résumé.pdf"
      ],
      "Condition": {
        "StringEquals": {"aws:PrincipalTag/team": "web\\u00a0"}
      }
    }
  ]
}`,
      errors: [
        { messageId: 'surroundingWhitespace', line: 7, column: 9, endLine: 7, endColumn: 24, data: { where: 'end' } },
        { messageId: 'invisible', line: 8, column: 9, endLine: 8, endColumn: 29, data: { codePoint: 'U+200B' } },
        { messageId: 'nonAscii', line: 9, column: 9, endLine: 9, endColumn: 23, data: { character: 'О', codePoint: 'U+041E', element: 'Action' } },
        { messageId: 'surroundingWhitespace', line: 12, column: 9, endLine: 12, endColumn: 34, data: { where: 'start' } },
        { messageId: 'invisible', line: 16, column: 51, endLine: 16, endColumn: 62, data: { codePoint: 'U+00A0' } },
      ],
    },
  ],
});
