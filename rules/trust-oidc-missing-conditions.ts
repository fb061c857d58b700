import { defineRule } from '../src/lint/rule.js';
import { statementLabel } from '../src/lint/rule-helpers.js';
import type { ConditionEntry, Statement } from '../src/policy/types.js';

const GITHUB = 'token.actions.githubusercontent.com';
const EKS = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;
/** Web identity providers named directly (not through an `oidc-provider/` ARN) and the claim that identifies the user. */
const BUILT_IN: Record<string, string> = { 'cognito-identity.amazonaws.com': 'aud', 'accounts.google.com': 'aud', 'graph.facebook.com': 'app_id', 'www.amazon.com': 'app_id' };

/** The provider host an OIDC principal names (`arn:…:oidc-provider/<host>` or a built-in provider), if it is one. */
function providerOf(federated: string): string | undefined {
  const marker = ':oidc-provider/';
  const at = federated.indexOf(marker);
  if (at >= 0) return federated.slice(at + marker.length);
  return Object.prototype.hasOwnProperty.call(BUILT_IN, federated.toLowerCase()) ? federated.toLowerCase() : undefined;
}

/** Positive tests on `<provider>:<claim>` (negated operators and `IfExists` do not require the claim). */
function claimConditions(statement: Statement, provider: string, claim: string): ConditionEntry[] {
  const key = `${provider}:${claim}`.toLowerCase();
  return statement.conditions.filter((c) => c.key.value.toLowerCase() === key && !/not|ifexists$/i.test(c.operator.value) && !c.operator.value.toLowerCase().startsWith('forallvalues:'));
}

function isLike(operator: string): boolean {
  return /like/i.test(operator);
}

export default defineRule({
  name: 'trust-oidc-missing-conditions',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['trust'],
    docs: { description: 'Require `aud` and `sub` conditions on OIDC federated principals (GitHub Actions, EKS, any provider), with wildcards only under `StringLike`' },
    messages: {
      missingBoth: 'Statement {{sid}} trusts the OIDC provider `{{provider}}` with no condition on its `aud` or `sub` claim.',
      missingSub: 'Statement {{sid}} trusts `{{provider}}` without a condition on `{{provider}}:sub`: any {{who}} can assume this role.',
      missingAud: 'Statement {{sid}} trusts `{{provider}}` without a condition on `{{provider}}:aud`.',
      githubWildcardRepo: 'The `sub` condition `{{value}}` accepts workflows of any repository matching `{{repo}}`.',
      eksWildcardNamespace: 'The `sub` condition `{{value}}` accepts service accounts of any namespace matching `{{namespace}}`.',
      wildcardWithEquals: '`{{operator}}` compares `{{key}}` with `{{value}}` literally: the `*` is not a wildcard there, and the role cannot be assumed.',
      arnInKey: 'Condition key `{{key}}` names the provider by its ARN; OIDC claim keys start with the provider URL (`{{expected}}`).',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'iamcheck-catalog', id: 'oidc-principal-without-conditions' },
      { tool: 'iamcheck-catalog', id: 'github-oidc-unscoped' },
      { tool: 'iamcheck-catalog', id: 'eks-irsa-trust-preflight' },
      { tool: 'access-analyzer', id: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL' },
      { tool: 'access-analyzer', id: 'MISSING_GITHUB_REPO_CONDITION_KEY' },
      { tool: 'checkov', id: 'CKV_AWS_358' },
      { tool: 'checkov', id: 'CKV_AWS_393' },
      { tool: 'iam-policy-validator', id: 'trust_policy_validation (OIDC)' },
    ],
  },
  create(context) {
    return {
      Principal(principal, statement, field) {
        if (field !== 'Principal' || principal.type !== 'Federated' || statement.effect.value !== 'Allow') return;
        const provider = providerOf(principal.value);
        if (!provider) return;
        const sid = statementLabel(statement);
        const host = provider.split('/')[0].toLowerCase();
        const subClaim = BUILT_IN[provider] ?? 'sub';
        const subs = claimConditions(statement, provider, subClaim);
        const auds = BUILT_IN[provider] ? subs : claimConditions(statement, provider, 'aud');
        const arnKey = statement.conditions.find((c) => c.key.value.startsWith('arn:') && c.key.value.includes(':oidc-provider/'));
        if (arnKey) {
          const claim = arnKey.key.value.slice(arnKey.key.value.lastIndexOf(':') + 1);
          context.report({ messageId: 'arnInKey', span: arnKey.key.span, data: { key: arnKey.key.value, expected: `${provider}:${claim}` }, help: `Write the key as \`${provider}:${claim}\`.` });
        }
        const who = host === GITHUB ? 'GitHub Actions workflow of any repository' : EKS.test(provider) ? 'service account of the cluster' : 'user of the provider';
        const notes = ['Without a subject condition, every identity the provider issues tokens for can assume the role (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html).'];
        if (subs.length === 0 && auds.length === 0) {
          context.report({ messageId: 'missingBoth', span: principal.span, data: { sid, provider }, notes, help: `Add \`StringEquals\` conditions on \`${provider}:aud\` (\`sts.amazonaws.com\`) and \`${provider}:sub\`.` });
          return;
        }
        if (subs.length === 0 && (host === GITHUB || EKS.test(provider))) {
          const example = host === GITHUB ? 'repo:<org>/<repo>:ref:refs/heads/main' : 'system:serviceaccount:<namespace>:<service-account>';
          context.report({ messageId: 'missingSub', span: principal.span, data: { sid, provider, who }, notes, help: `Add a condition on \`${provider}:sub\`, e.g. \`${example}\`.` });
        } else if (auds.length === 0 && EKS.test(provider)) {
          context.report({ messageId: 'missingAud', span: principal.span, data: { sid, provider }, help: `Add \`"StringEquals": {"${provider}:aud": "sts.amazonaws.com"}\`.` });
        }
        for (const entry of [...subs, ...(BUILT_IN[provider] ? [] : auds)]) {
          for (const value of entry.values) {
            if (!/[*?]/.test(value.value)) continue;
            if (!isLike(entry.operator.value)) {
              context.report({
                messageId: 'wildcardWithEquals', span: value.span, data: { operator: entry.operator.value, key: entry.key.value, value: value.value },
                notes: ['Tokens never carry a literal `*`, so AssumeRoleWithWebIdentity fails with "Not authorized to perform sts:AssumeRoleWithWebIdentity".'],
                help: 'Use `StringLike` for patterns, or list the exact subjects under `StringEquals`.',
              });
              continue;
            }
            if (!entry.key.value.toLowerCase().endsWith(':sub')) continue;
            if (EKS.test(provider)) {
              const namespace = /^system:serviceaccount:([^:]*)/.exec(value.value)?.[1] ?? value.value;
              if (!/[*?]/.test(namespace)) continue;
              context.report({
                messageId: 'eksWildcardNamespace', span: value.span, data: { value: value.value, namespace },
                notes: ['Anyone who may create a service account in a matching namespace of the cluster gets this role.'],
                help: 'Name the namespace and service account: `system:serviceaccount:<namespace>:<service-account>`.',
              });
              continue;
            }
            if (host !== GITHUB) continue;
            const repo = /^repo:([^:]*)/.exec(value.value)?.[1] ?? value.value;
            if (!/[*?]/.test(repo)) continue;
            context.report({
              messageId: 'githubWildcardRepo', span: value.span, data: { value: value.value, repo },
              notes: ['Anyone who can create or fork a repository that matches, or push a workflow to one, gets this role.'],
              help: 'Name the repository (and branch or environment): `repo:<org>/<repo>:ref:refs/heads/main`.',
            });
          }
        }
      },
    };
  },
});
