// Every rule, in the order `iamcheck rules` lists them. One id in four places: rules/<id>.ts, rules/<id>.md,
// test/rules/<id>.test.ts and this list (the meta-test checks all four).
import type { AnyRule } from '../src/lint/rule.js';
import crossAccountPrincipal from './cross-account-principal.js';
import credentialsExposure from './credentials-exposure.js';
import dataExfiltration from './data-exfiltration.js';
import denyNetworkWithoutServiceException from './deny-network-without-service-exception.js';
import duplicateStatement from './duplicate-statement.js';
import privilegeEscalation from './privilege-escalation.js';
import publicPrincipal from './public-principal.js';
import redundantStatement from './redundant-statement.js';
import resourceExposure from './resource-exposure.js';
import resourcePolicyLockout from './resource-policy-lockout.js';
import shadowedByDeny from './shadowed-by-deny.js';
import trustAssumeAction from './trust-assume-action.js';
import trustOidcMissingConditions from './trust-oidc-missing-conditions.js';
import trustServiceConfusedDeputy from './trust-service-confused-deputy.js';
import trustWildcardPrincipal from './trust-wildcard-principal.js';
import unsatisfiableCondition from './unsatisfiable-condition.js';
import tlsNotEnforced from './tls-not-enforced.js';
import actionResourceMismatch from './action-resource-mismatch.js';
import allowWithNotAction from './allow-with-not-action.js';
import allowWithNotResource from './allow-with-not-resource.js';
import conditionOperatorTypeMismatch from './condition-operator-type-mismatch.js';
import duplicateSid from './duplicate-sid.js';
import invalidArn from './invalid-arn.js';
import invalidConditionValue from './invalid-condition-value.js';
import invalidPrincipal from './invalid-principal.js';
import noInvisibleCharacters from './no-invisible-characters.js';
import noWildcardAction from './no-wildcard-action.js';
import passRoleWildcard from './pass-role-wildcard.js';
import passroleWithoutPassedToService from './passrole-without-passedtoservice.js';
import createSlrUnrestricted from './create-slr-unrestricted.js';
import policyVariable from './policy-variable.js';
import policyVersion from './policy-version.js';
import redundantAction from './redundant-action.js';
import redundantResource from './redundant-resource.js';
import setOperatorMisuse from './set-operator-misuse.js';
import unknownAction from './unknown-action.js';
import unknownConditionKey from './unknown-condition-key.js';
import unknownService from './unknown-service.js';
import validConditionOperator from './valid-condition-operator.js';
import validSid from './valid-sid.js';
import wildcardWithoutLike from './wildcard-without-like.js';
import redundantNumericValues from './redundant-numeric-values.js';
import s3BucketArnInvalidName from './s3-bucket-arn-invalid-name.js';
import scpMissingBreakGlass from './scp-missing-break-glass.js';
import mfaConditionAntipattern from './mfa-condition-antipattern.js';
import ifexistsPitfall from './ifexists-pitfall.js';
import denyNotPrincipalDiscouraged from './deny-notprincipal-discouraged.js';

/** All rules shipped with iamcheck. */
export const allRules: readonly AnyRule[] = [
  // Grammar beyond the schema
  policyVersion,
  policyVariable,
  validSid,
  duplicateSid,
  noInvisibleCharacters,
  // Actions
  unknownService,
  unknownAction,
  redundantAction,
  // Resources
  invalidArn,
  actionResourceMismatch,
  redundantResource,
  s3BucketArnInvalidName,
  // Principals
  invalidPrincipal,
  // Conditions
  validConditionOperator,
  unknownConditionKey,
  conditionOperatorTypeMismatch,
  invalidConditionValue,
  setOperatorMisuse,
  wildcardWithoutLike,
  mfaConditionAntipattern,
  ifexistsPitfall,
  redundantNumericValues,
  // Overly broad grants
  noWildcardAction,
  allowWithNotAction,
  allowWithNotResource,
  passRoleWildcard,
  passroleWithoutPassedToService,
  createSlrUnrestricted,
  // Risk categories (across all statements of a policy)
  privilegeEscalation,
  credentialsExposure,
  dataExfiltration,
  resourceExposure,
  // Principals and trust
  publicPrincipal,
  crossAccountPrincipal,
  trustWildcardPrincipal,
  denyNotPrincipalDiscouraged,
  trustOidcMissingConditions,
  trustAssumeAction,
  trustServiceConfusedDeputy,
  resourcePolicyLockout,
  tlsNotEnforced,
  scpMissingBreakGlass,
  // Statements against each other
  duplicateStatement,
  redundantStatement,
  shadowedByDeny,
  unsatisfiableCondition,
  denyNetworkWithoutServiceException,
];
