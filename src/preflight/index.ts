/**
 * Deploy preflight: what an EKS (eksctl), ECS, ECR/Docker or GitHub Actions OIDC deploy needs to be allowed, checked
 * with the engine before the deploy runs. `runPreflight` is pure; `loadPreflightFile` reads a preflight file and
 * everything it names.
 */
export { runPreflight, OPERATIONS, type Operation, type PreflightInput } from './run.js';
export { loadPreflightFile, policySource, grantsOf, catalogLookup, type ManagedPolicyLookup } from './input.js';
export { checkRequirement, describeDenial, type PolicySource, type PrincipalPolicies } from './evaluate.js';
export { buildFix } from './fix.js';
export { reportToJson, reportToText } from './render.js';
export { readConfig, emptyConfigs, CONFIG_FORMATS, type ConfigFormat } from './readers/index.js';
export type { AddTo, Check, CheckDecision, Facts, NotRequired, PreflightFix, PreflightReport, ReadConfigs, Requirement, TrustPrincipal } from './types.js';
