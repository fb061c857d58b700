import trustServiceConfusedDeputy from '../../rules/trust-service-confused-deputy.js';
import { ruleTester } from '../../src/lint/rule-tester.js';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
ruleTester.run(trustServiceConfusedDeputy, {
  valid: [
    { name: 'SNS to SQS with SourceArn', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:events"}}}]}` },
    { name: 'EC2 instance role: the keys are not sent', kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}` },
    { name: 'ECS task role with SourceAccount', kind: 'trust', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}` },
    { name: 'KMS key policy scoped by encryption context', resourceType: 'AWS::KMS::Key', code: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "logs.eu-west-1.amazonaws.com"}, "Action": ["kms:Encrypt*", "kms:Decrypt*"], "Resource": "*", "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:*"}}}]}` },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "FromTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
      "Resource": "arn:aws:sqs:us-east-1:111122223333:orders"}
  ]
}`,
      errors: [{ messageId: 'resource', line: 4, column: 70, endLine: 4, endColumn: 89, data: { sid: '`FromTopic`', service: 'sns.amazonaws.com' } }],
    },
    {
      kind: 'trust',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com", "ecs-tasks.amazonaws.com"]}, "Action": "sts:AssumeRole"}
  ]
}`,
      errors: [{ messageId: 'trust', line: 4, column: 72, endLine: 4, endColumn: 97, data: { service: 'ecs-tasks.amazonaws.com' } }],
    },
    {
      name: 'trustServices option',
      kind: 'trust',
      options: [{ trustServices: ['sagemaker.amazonaws.com'] }],
      code: `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"aws:SourceAccount": "111122223333"}}}]
}`,
      errors: [{ messageId: 'trust', line: 3, column: 62, endLine: 3, endColumn: 87 }],
    },
  ],
});
