import { defineRule } from '../src/lint/rule.js';
import type { Statement } from '../src/policy/types.js';


const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc)';
const IAM_PRINCIPAL = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):(root|user/.+|role/.+|group/.+)$`);
const STS_PRINCIPAL = new RegExp(`^arn:${PARTITION}:sts::(\\d{12}):(assumed-role/[^/]+/.+|federated-user/.+)$`);
const SAML_PROVIDER = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:saml-provider/.+$`);
const OIDC_PROVIDER = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:oidc-provider/.+$`);
/** Identity providers that AWS names by domain in `Federated` (web identity federation). */
const WEB_IDENTITY_DOMAINS = ['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com'];
const SERVICE = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;
/** IAM unique IDs: AIDA (user), AROA (role), AGPA (group), ANPA (managed policy)… */
const UNIQUE_ID = /^A(IDA|ROA|GPA|NPA|NVA|SCA|PKA)[A-Z0-9]{12,}$/;

/** `${…}`: a CloudFormation substitution or a variable, checked elsewhere. */
const isTemplate = (value: string) => value.includes('${');

function assumeActions(statement: Statement): Set<string> | undefined {
  if (!statement.actions) return undefined;
  const names = new Set<string>();
  for (const action of statement.actions) {
    if (/[*?]/.test(action.value)) return undefined;
    names.add(action.value.toLowerCase());
  }
  return names;
}

export default defineRule({
  name: 'invalid-principal',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['resource', 'trust'],
    docs: { description: 'Require principals that AWS accepts: account IDs, IAM/STS ARNs, service principals, identity providers, canonical users' },
    messages: {
      invalidAws: '`{{value}}` is not an AWS principal: use `*`, a 12-digit account ID, or an IAM user, role or STS session ARN.',
      groupPrincipal: '`{{value}}` is an IAM group, which cannot be a principal.',
      unsupportedWildcard: '`{{value}}` has a wildcard inside it; principals match `*` alone, or exact values.',
      uniqueId: '`{{value}}` is an IAM unique ID, not an ARN: the user or role it named has been deleted.',
      invalidService: '`{{value}}` is not a service principal (`<service>.amazonaws.com`).',
      invalidFederated: '`{{value}}` is not an identity provider: use a SAML or OIDC provider ARN, or a web identity domain.',
      invalidCanonicalUser: '`{{value}}` is not a canonical user ID (64 hexadecimal characters).',
      actionMismatch: '{{principalKind}} `{{value}}` cannot use {{actions}}: it needs `{{needed}}`.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'INVALID_PRINCIPAL_FORMAT' },
      { tool: 'access-analyzer', id: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL' },
      { tool: 'access-analyzer', id: 'INVALID_SERVICE_PRINCIPAL_FORMAT' },
      { tool: 'access-analyzer', id: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY' },
      { tool: 'access-analyzer', id: 'INVALID_ROLE_REFERENCE' },
      { tool: 'access-analyzer', id: 'INVALID_USER_REFERENCE' },
      { tool: 'access-analyzer', id: 'MISMATCHED_ACTION_FOR_PRINCIPAL' },
      { tool: 'parliament', id: 'UNKNOWN_PRINCIPAL' },
      { tool: 'parliament', id: 'UNKNOWN_FEDERATION_SOURCE' },
      { tool: 'iam-policy-validator', id: 'invalid_principal' },
      { tool: 'iamcheck-catalog', id: 'principal-invalid-format' },
      { tool: 'iamcheck-catalog', id: 'principal-unsupported-wildcard' },
      { tool: 'iamcheck-catalog', id: 'service-principal-format' },
      { tool: 'iamcheck-catalog', id: 'federated-principal-invalid' },
      { tool: 'iamcheck-catalog', id: 'principal-unique-id' },
      { tool: 'iamcheck-catalog', id: 'assume-action-principal-mismatch' },
    ],
  },
  create(context) {
    const docs = 'See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html.';
    return {
      Principal(principal, statement) {
        const value = principal.value;
        if (value === '*' || isTemplate(value)) return;
        let invalid = false;
        const report = (messageId: Parameters<typeof context.report>[0]['messageId'], help: string, data: Record<string, string> = {}) => {
          invalid = true;
          context.report({ messageId, span: principal.span, data: { value, ...data }, help: `${help} ${docs}` });
        };
        switch (principal.type) {
          case 'AWS': {
            if (/^\d{12}$/.test(value) || STS_PRINCIPAL.test(value)) break;
            const iam = IAM_PRINCIPAL.exec(value);
            if (iam) {
              if (iam[3].startsWith('group/')) report('groupPrincipal', 'Name the users or roles, or the account with a condition on `aws:PrincipalArn`.');
              break;
            }
            if (UNIQUE_ID.test(value)) report('uniqueId', 'Replace it with the ARN of the user or role as it exists now; AWS shows the ID when the principal was deleted.');
            else if (/[*?]/.test(value)) report('unsupportedWildcard', 'Use `"AWS": "*"` with a condition such as `ArnLike` on `aws:PrincipalArn`.');
            else report('invalidAws', 'Write the principal as `111122223333` or `arn:aws:iam::111122223333:role/name`.');
            break;
          }
          case 'Service':
            if (SERVICE.test(value)) break;
            if (/[*?]/.test(value)) report('unsupportedWildcard', 'Name each service principal, e.g. `lambda.amazonaws.com`.');
            else report('invalidService', 'Service principals look like `lambda.amazonaws.com` or `ecs-tasks.amazonaws.com`.');
            break;
          case 'Federated':
            if (SAML_PROVIDER.test(value) || OIDC_PROVIDER.test(value) || WEB_IDENTITY_DOMAINS.includes(value)) break;
            report('invalidFederated', 'Use `arn:aws:iam::111122223333:oidc-provider/<host>` or `arn:aws:iam::111122223333:saml-provider/<name>`.');
            break;
          case 'CanonicalUser':
            if (!/^[0-9a-f]{64}$/.test(value)) report('invalidCanonicalUser', 'Copy the canonical user ID from the S3 console or `aws s3api list-buckets`.');
            break;
          default:
            break;
        }
        // The assume action must suit the kind of principal (trust policies only; other statements are resource policies).
        if (invalid || context.kind !== 'trust' || statement.effect.value !== 'Allow') return;
        const actions = assumeActions(statement);
        if (!actions) return;
        const saml = principal.type === 'Federated' && SAML_PROVIDER.test(value);
        const web = principal.type === 'Federated' && !saml;
        const needed = saml ? 'sts:AssumeRoleWithSAML' : web ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole';
        const assumes = (statement.actions ?? []).map((a) => a.value).filter((a) => a.toLowerCase().startsWith('sts:assumerole'));
        if (assumes.length === 0 || actions.has(needed.toLowerCase())) return;
        context.report({
          messageId: 'actionMismatch', span: principal.span,
          data: { principalKind: saml ? 'The SAML provider' : web ? 'The web identity provider' : principal.type === 'Service' ? 'The service' : 'The principal', value, actions: assumes.map((a) => `\`${a}\``).join(', '), needed },
          notes: ['The trust policy never lets this principal assume the role.'],
          help: `Use \`${needed}\` in the statement of this principal.`,
        });
      },
    };
  },
});
