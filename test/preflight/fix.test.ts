import { describe, expect, it } from 'vitest';
import { buildFix } from '../../src/preflight/fix.js';
import type { Check, Requirement } from '../../src/preflight/types.js';

const deployer = 'arn:aws:iam::111122223333:user/deployer';
const req = (over: Partial<Requirement>): Requirement => ({ kind: 'permission', principal: deployer, label: 'deployer', action: 'ecr:PutImage', resource: '*', why: '', source: '', ...over });
const denied = (r: Requirement, addTo: Check['addTo']): Check => ({ requirement: r, decision: 'implicitDeny', addTo });

describe('buildFix', () => {
  it('merges actions on the same resource, keeps conditions apart, and widens generated names', () => {
    const fix = buildFix([
      denied(req({ action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' }), 'identity'),
      denied(req({ action: 'ecr:InitiateLayerUpload', resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' }), 'identity'),
      denied(req({ action: 'iam:PassRole', resource: 'arn:aws:iam::111122223333:role/eksctl-a-cluster-ServiceRole-EXAMPLE1A2B3',
        fixCondition: { StringEquals: { 'iam:PassedToService': 'eks.amazonaws.com' } } }), 'identity'),
      { requirement: req({ action: 'ecr:GetAuthorizationToken' }), decision: 'allowed' },
    ]);
    expect(fix.identity[deployer]).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PreflightEcr', Effect: 'Allow', Action: ['ecr:InitiateLayerUpload', 'ecr:PutImage'], Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' },
        { Sid: 'PreflightIam', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/eksctl-a-cluster-ServiceRole-*',
          Condition: { StringEquals: { 'iam:PassedToService': 'eks.amazonaws.com' } } },
      ],
    });
  });

  it('puts trust and repository statements on the role and the repository, naming the caller as Principal', () => {
    const role = 'arn:aws:iam::111122223333:role/app';
    const repo = 'arn:aws:ecr:us-east-1:444455556666:repository/base';
    const fix = buildFix([
      denied(req({ kind: 'trust', principal: 'pods.eks.amazonaws.com', action: 'sts:AssumeRole', resource: role, trustPrincipal: { type: 'Service', value: 'pods.eks.amazonaws.com' } }), 'trust'),
      denied(req({ kind: 'trust', principal: 'pods.eks.amazonaws.com', action: 'sts:TagSession', resource: role, trustPrincipal: { type: 'Service', value: 'pods.eks.amazonaws.com' } }), 'trust'),
      denied(req({ action: 'ecr:BatchGetImage', resource: repo }), 'resource-policy'),
      denied(req({ kind: 'mapping', action: 'kubernetes:authenticate', resource: 'arn:aws:eks:us-east-1:111122223333:cluster/prod' }), 'access-entry'),
    ]);
    expect(fix.trust[role].Statement).toEqual([{ Sid: 'PreflightSts', Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]);
    expect(fix['resource-policy'][repo].Statement).toEqual([{ Sid: 'PreflightEcr', Effect: 'Allow', Principal: { AWS: deployer }, Action: 'ecr:BatchGetImage' }]);
    expect(fix['access-entry'][deployer].command).toMatch(/^aws eks create-access-entry --cluster-name prod --principal-arn arn:aws:iam::111122223333:user\/deployer && /);
  });
});
