// The generated corpus shared by the benchmarks (issue 2's 5,000 realistic identity policies) and a timer.

const SERVICES: [string, string[], (i: number) => string][] = [
  ['s3', ['GetObject', 'PutObject', 'ListBucket', 'DeleteObject'], (i) => `arn:aws:s3:::bucket-${i}/prefix-${i % 7}/*`],
  ['dynamodb', ['GetItem', 'PutItem', 'Query', 'UpdateItem'], (i) => `arn:aws:dynamodb:eu-west-1:111122223333:table/table-${i}`],
  ['sqs', ['SendMessage', 'ReceiveMessage', 'DeleteMessage'], (i) => `arn:aws:sqs:eu-west-1:111122223333:queue-${i}`],
  ['logs', ['CreateLogStream', 'PutLogEvents'], (i) => `arn:aws:logs:eu-west-1:111122223333:log-group:/app/${i}:*`],
  ['kms', ['Decrypt', 'GenerateDataKey'], (i) => `arn:aws:kms:eu-west-1:111122223333:key/${i.toString(16).padStart(8, '0')}-1111-2222-3333-444455556666`],
];

/** The foundation's corpus: a deterministic identity policy of 1–6 statements, some with conditions. */
export function generatePolicy(n: number): string {
  const statements = [];
  const count = 1 + (n % 6);
  for (let s = 0; s < count; s++) {
    const [service, actions, arn] = SERVICES[(n + s) % SERVICES.length];
    const statement: Record<string, unknown> = {
      Sid: `Statement${s}`,
      Effect: s % 5 === 4 ? 'Deny' : 'Allow',
      Action: actions.slice(0, 1 + ((n + s) % actions.length)).map((a) => `${service}:${a}`),
      Resource: [arn(n * 10 + s), arn(n * 10 + s + 1)],
    };
    if ((n + s) % 3 === 0) statement.Condition = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, Bool: { 'aws:SecureTransport': 'true' } };
    statements.push(statement);
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** Milliseconds one call of `run` takes. */
export function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

