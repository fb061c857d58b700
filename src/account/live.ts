// Live AWS, only when asked (`iamcheck fetch`, `whoami`, `--live`). The SDK is imported lazily so that no other
// command pays for it; clients use the standard credential chain (or `--profile`).
import type { GetAccountAuthorizationDetailsCommandOutput, IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { IamcheckError } from '../core/errors.js';

export interface ClientOptions {
  profile?: string;
  region?: string;
}

/** An IAM client. IAM is a global service; its endpoint lives in us-east-1 unless a region says otherwise. */
export async function createIamClient(options: ClientOptions = {}): Promise<IAMClient> {
  const { IAMClient } = await import('@aws-sdk/client-iam');
  return new IAMClient({ region: options.region ?? 'us-east-1', ...(options.profile ? { profile: options.profile } : {}) });
}

export async function createStsClient(options: ClientOptions = {}): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts');
  return new STSClient({ region: options.region ?? 'us-east-1', ...(options.profile ? { profile: options.profile } : {}) });
}

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'SlowDown']);

/** Whether an SDK error is AWS asking us to slow down. */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } } | undefined;
  return Boolean(e && (THROTTLING.has(e.name ?? '') || e.$retryable?.throttling));
}

export interface RetryOptions {
  /** Attempts in all, first included. */
  maxAttempts?: number;
  /** First delay; doubled on each retry, with full jitter. */
  baseDelayMs?: number;
  /** Replaced in tests so they do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Runs `call`, retrying throttling errors with bounded exponential backoff; other errors pass through. */
export async function withThrottlingRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 6;
  const base = options.baseDelayMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= maxAttempts) throw error;
      await sleep(Math.round(Math.random() * base * 2 ** (attempt - 1)));
    }
  }
}

/** The dump format of `aws iam get-account-authorization-details` (all pages merged). */
export interface AuthorizationDetailsDump {
  UserDetailList: unknown[];
  GroupDetailList: unknown[];
  RoleDetailList: unknown[];
  Policies: unknown[];
}

/** Decodes one URL-encoded document into a JSON object as the AWS CLI does; left as is when it does not decode. */
function decodeDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(decodeURIComponent(value)) as unknown;
  } catch {
    // INVARIANT: the loader reports undecodable strings with their position, so they are kept, not dropped.
    return value;
  }
}

function decodeInline(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list as Array<Record<string, unknown>>) item.PolicyDocument = decodeDocument(item.PolicyDocument);
}

/** Replaces the URL-encoded documents of one API page by JSON objects, in place. */
function decodePage(page: GetAccountAuthorizationDetailsCommandOutput): void {
  for (const u of (page.UserDetailList ?? []) as Array<Record<string, unknown>>) decodeInline(u.UserPolicyList);
  for (const g of (page.GroupDetailList ?? []) as Array<Record<string, unknown>>) decodeInline(g.GroupPolicyList);
  for (const r of (page.RoleDetailList ?? []) as Array<Record<string, unknown>>) {
    r.AssumeRolePolicyDocument = decodeDocument(r.AssumeRolePolicyDocument);
    decodeInline(r.RolePolicyList);
    for (const profile of (r.InstanceProfileList ?? []) as Array<Record<string, unknown>>) {
      for (const inner of (profile.Roles ?? []) as Array<Record<string, unknown>>) inner.AssumeRolePolicyDocument = decodeDocument(inner.AssumeRolePolicyDocument);
    }
  }
  for (const p of (page.Policies ?? []) as Array<Record<string, unknown>>) {
    for (const v of (p.PolicyVersionList ?? []) as Array<Record<string, unknown>>) v.Document = decodeDocument(v.Document);
  }
}

/** Upper bound on pages, so a service that keeps answering `IsTruncated` cannot loop forever. */
export const MAX_PAGES = 10_000;

/**
 * Calls `GetAccountAuthorizationDetails` page by page (`IsTruncated`/`Marker`), retrying throttling, and returns
 * the merged dump with documents decoded to JSON objects (the AWS CLI's format, which `loadAccount` reads).
 */
export async function fetchAccountAuthorizationDetails(client: IAMClient, options: RetryOptions & { onPage?: (n: number) => void } = {}): Promise<AuthorizationDetailsDump> {
  const { GetAccountAuthorizationDetailsCommand } = await import('@aws-sdk/client-iam');
  const dump: AuthorizationDetailsDump = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  let marker: string | undefined;
  for (let n = 1; n <= MAX_PAGES; n++) {
    const page = await withThrottlingRetry(() => client.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000, ...(marker ? { Marker: marker } : {}) })), options);
    decodePage(page);
    dump.UserDetailList.push(...(page.UserDetailList ?? []));
    dump.GroupDetailList.push(...(page.GroupDetailList ?? []));
    dump.RoleDetailList.push(...(page.RoleDetailList ?? []));
    dump.Policies.push(...(page.Policies ?? []));
    options.onPage?.(n);
    if (!page.IsTruncated) return dump;
    if (!page.Marker || page.Marker === marker) throw new IamcheckError('live-pagination', 'GetAccountAuthorizationDetails said IsTruncated without a new Marker.');
    marker = page.Marker;
  }
  throw new IamcheckError('live-pagination', `GetAccountAuthorizationDetails returned more than ${MAX_PAGES} pages.`);
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** STS `GetCallerIdentity`: who the credentials belong to. */
export async function getCallerIdentity(client: STSClient, options: RetryOptions = {}): Promise<CallerIdentity> {
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const out = await withThrottlingRetry(() => client.send(new GetCallerIdentityCommand({})), options);
  return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
}

/** STS `DecodeAuthorizationMessage` for EC2's encoded authorization failure messages: the decoded JSON text. */
export async function decodeAuthorizationMessage(client: STSClient, encoded: string, options: RetryOptions = {}): Promise<string> {
  const { DecodeAuthorizationMessageCommand } = await import('@aws-sdk/client-sts');
  const out = await withThrottlingRetry(() => client.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })), options);
  return out.DecodedMessage ?? '';
}

/** An SDK failure (no credentials, access denied, network) as one line for the user. */
export function describeAwsError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}
