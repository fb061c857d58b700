// Catalog figures: cold first lookups (per-service lazy loading), expanding `*` over every service, and the
// first AWS managed-policy lookup (reads the ~75 MB package file). Each figure uses a fresh catalog.
import { createCatalog } from '../src/catalog/index.js';
import { catalogDataDate } from '../src/catalog/version.js';

function time<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function show(label: string, ms: number, detail = ''): void {
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms${detail ? `  ${detail}` : ''}`);
}

/** Prints catalog timings. */
export async function bench(): Promise<void> {
  const catalog = createCatalog();
  const cold = time(() => catalog.action('s3:GetObject'));
  show('cold action("s3:GetObject")', cold.ms, `loaded: ${catalog.loadedServices().join(',')}`);
  const warm = time(() => catalog.action('s3:getobject'));
  show('warm action("s3:getobject")', warm.ms);
  const key = time(() => catalog.conditionKey('s3:prefix'));
  show('cold conditionKey("s3:prefix")', key.ms);
  const arn = time(() => catalog.resourceTypesForArn('arn:aws:s3:::bucket/key'));
  show('first resourceTypesForArn (builds ARN index)', arn.ms, arn.value.map((t) => `${t.service}:${t.name}`).join(','));
  const all = time(() => catalog.expandActionPattern('*'));
  show("cold expandActionPattern('*')", all.ms, `${all.value.length} actions`);
  const again = time(() => catalog.expandActionPattern('*'));
  show("warm expandActionPattern('*')", again.ms);
  const getStar = time(() => catalog.expandActionPattern('*:Get*'));
  show("warm expandActionPattern('*:Get*')", getStar.ms, `${getStar.value.length} actions`);
  const suggest = time(() => catalog.suggestActions('ec2:DescribeInstancs'));
  show('suggestActions("ec2:DescribeInstancs")', suggest.ms, suggest.value.join(','));
  const heapBefore = process.memoryUsage().heapUsed;
  const policy = time(() => catalog.managedPolicy('AmazonS3ReadOnlyAccess'));
  const heapAfter = process.memoryUsage().heapUsed;
  show('first managedPolicy("AmazonS3ReadOnlyAccess")', policy.ms, `heap +${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MB`);
  const next = time(() => catalog.managedPolicy('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'));
  show('next managedPolicy(by ARN)', next.ms);
  const version = time(() => catalogDataDate());
  show('catalogDataDate()', version.ms, `${version.value.iamData}; ${version.value.managedPolicies}`);
}
