import { generalizeResource } from './requirements/context.js';
import type { Check, PolicyDocumentJson, PreflightFix } from './types.js';

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);

function sidFor(actions: string[], used: Set<string>): string {
  const services = [...new Set(actions.map((a) => a.split(':')[0]))];
  const base = `Preflight${services.map((s) => s.replace(/[^A-Za-z0-9]/g, '').replace(/^./, (c) => c.toUpperCase())).join('')}`.slice(0, 60);
  let sid = base;
  for (let n = 2; used.has(sid); n++) sid = `${base}${n}`;
  used.add(sid);
  return sid;
}

interface Grant {
  actions: string[];
  resources: string[];
  condition?: Record<string, Record<string, string | string[]>>;
  principal?: Record<string, string>;
}

/** Merges grants: same resources and condition → one statement with all actions; then same actions → all resources. */
function mergeGrants(grants: Grant[]): Grant[] {
  const key = (g: Grant, what: 'actions' | 'resources') => JSON.stringify([g[what], g.condition ?? null, g.principal ?? null]);
  const byResources = new Map<string, Grant>();
  for (const g of grants) {
    const k = key(g, 'resources');
    const prior = byResources.get(k);
    if (prior) prior.actions = [...new Set([...prior.actions, ...g.actions])];
    else byResources.set(k, { ...g, actions: [...g.actions], resources: [...g.resources] });
  }
  const byActions = new Map<string, Grant>();
  for (const g of byResources.values()) {
    g.actions.sort();
    const k = key(g, 'actions');
    const prior = byActions.get(k);
    if (prior) prior.resources = [...new Set([...prior.resources, ...g.resources])];
    else byActions.set(k, g);
  }
  return [...byActions.values()];
}

function document(grants: Grant[], withResource: boolean): PolicyDocumentJson {
  const used = new Set<string>();
  return {
    Version: '2012-10-17',
    Statement: mergeGrants(grants).map((g) => ({
      Sid: sidFor(g.actions, used),
      Effect: 'Allow',
      ...(g.principal ? { Principal: g.principal } : {}),
      Action: one(g.actions),
      ...(withResource ? { Resource: one(g.resources) } : {}),
      ...(g.condition ? { Condition: g.condition } : {}),
    })),
  };
}

/**
 * The smallest statements that turn every failed check into `allowed`, per principal and place: identity policies
 * by principal ARN, trust policies and resource policies by the ARN of the role or resource, access entries as
 * commands. Only the requested action, resource and the condition AWS sends (e.g. `iam:PassedToService`).
 */
export function buildFix(checks: Check[]): PreflightFix {
  const identity = new Map<string, Grant[]>();
  const trust = new Map<string, Grant[]>();
  const resource = new Map<string, Grant[]>();
  const fix: PreflightFix = { identity: {}, trust: {}, 'resource-policy': {}, 'access-entry': {} };
  const push = (map: Map<string, Grant[]>, key: string, grant: Grant) => map.set(key, [...(map.get(key) ?? []), grant]);
  for (const check of checks) {
    if (!check.addTo) continue;
    const r = check.requirement;
    switch (check.addTo) {
      case 'identity':
        push(identity, r.principal, { actions: [r.action], resources: [r.fixResource ?? generalizeResource(r.resource)], ...(r.fixCondition ? { condition: r.fixCondition } : {}) });
        break;
      case 'trust': {
        const tp = r.trustPrincipal ?? { type: 'AWS', value: r.principal };
        push(trust, r.resource, { actions: [r.action], resources: [], principal: { [tp.type]: tp.value }, ...(r.fixCondition ? { condition: r.fixCondition } : {}) });
        break;
      }
      case 'resource-policy':
        push(resource, r.resource, { actions: [r.action], resources: [], principal: { AWS: r.principal } });
        break;
      case 'access-entry': {
        const cluster = r.resource.split('/').pop() ?? '';
        const principalArn = r.principal.replace(/^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.*$/, 'arn:$1:iam::$2:role/$3');
        fix['access-entry'][principalArn] = {
          principalArn, cluster,
          command: `aws eks create-access-entry --cluster-name ${cluster} --principal-arn ${principalArn} && aws eks associate-access-policy --cluster-name ${cluster} --principal-arn ${principalArn} --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy --access-scope type=cluster`,
        };
        break;
      }
    }
  }
  for (const [arn, grants] of identity) fix.identity[arn] = document(grants, true);
  for (const [arn, grants] of trust) fix.trust[arn] = document(grants, false);
  for (const [arn, grants] of resource) fix['resource-policy'][arn] = document(grants, false);
  return fix;
}
