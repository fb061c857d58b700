// What condition rules share: operators taken apart (the engine's parser, so lint and evaluation agree), the
// catalog's type of a key, and value parsers.
import type { Catalog, ConditionKeyInfo } from '../catalog/index.js';
import { parseDate, parseIp, parseOperator as parseEngineOperator, type OperatorFamily, type OperatorInfo } from '../engine/conditions.js';

export { parseDate, parseIp, type OperatorFamily, type OperatorInfo };

const FAMILIES: readonly string[] = ['String', 'Numeric', 'Date', 'Bool', 'Binary', 'IpAddress', 'Arn', 'Null'];

/**
 * The engine's operator parser, guarded: operator names are user text, and names such as `constructor` or
 * `toString` must come back as unknown whatever the lookup table is made of.
 */
export function parseOperator(name: string): OperatorInfo | undefined {
  const info = parseEngineOperator(name);
  return info && typeof info.family === 'string' && FAMILIES.includes(info.family) ? info : undefined;
}

/** The catalog's data types of condition keys (Service Authorization Reference). */
export type KeyType = 'String' | 'ArrayOfString' | 'ARN' | 'ArrayOfARN' | 'Numeric' | 'ArrayOfNumeric' | 'Date' | 'ArrayOfDate' | 'Bool' | 'ArrayOfBool' | 'IPAddress' | 'ArrayOfIPAddress' | 'Binary' | 'ArrayOfBinary';

/** Whether a key of this type can carry several values in one request (and so needs `ForAllValues`/`ForAnyValue`). */
export function isMultiValued(type: string): boolean {
  return type.startsWith('ArrayOf');
}

/** The single-value type of a key type: `ArrayOfARN` → `ARN`. */
export function elementType(type: string): string {
  return type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type;
}

/** A condition key of an identity provider (`token.actions.githubusercontent.com:sub`, a custom OIDC host). */
export function isProviderKey(key: string): boolean {
  const colon = key.lastIndexOf(':');
  return colon > 0 && key.slice(0, colon).includes('.');
}

/** The catalog's facts about a key, or undefined (unknown key, or a custom identity provider's claim). */
export function lookupKey(catalog: Catalog, key: string): ConditionKeyInfo | undefined {
  return catalog.conditionKey(key);
}

/** Which operator families suit a key's (element) type. `Null` suits every key. */
export function familiesFor(type: string): OperatorFamily[] | undefined {
  switch (elementType(type)) {
    case 'String':
      return ['String'];
    // String operators work on ARNs (AWS recommends the ARN ones); Numeric on dates compares epoch seconds.
    case 'ARN':
      return ['Arn', 'String'];
    case 'Numeric':
      return ['Numeric'];
    case 'Date':
      return ['Date', 'Numeric'];
    case 'Bool':
      return ['Bool', 'String'];
    case 'IPAddress':
      return ['IpAddress'];
    case 'Binary':
      return ['Binary'];
    default:
      return undefined;
  }
}

/** A number as AWS reads Numeric condition values. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : undefined;
}

/** A CIDR block (or a single address): undefined when malformed; `hostBits` when bits are set after the mask. */
export function parseCidr(text: string): { v6: boolean; bits: number; hostBits: boolean; bytes: number[] } | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!ip) return undefined;
  const max = ip.v6 ? 128 : 32;
  let bits = max;
  if (slash >= 0) {
    const bitsText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bitsText)) return undefined;
    bits = Number(bitsText);
    if (bits > max) return undefined;
  }
  let hostBits = false;
  for (let i = 0; i < ip.bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = keep === 8 ? 255 : (255 << (8 - keep)) & 255;
    if ((ip.bytes[i] & ~mask & 255) !== 0) hostBits = true;
  }
  return { v6: ip.v6, bits, hostBits, bytes: ip.bytes };
}

/**
 * Whether an IPv4 block lies inside an RFC 1918 private range (10/8, 172.16/12, 192.168/16). `aws:SourceIp` never
 * holds such an address: requests through a VPC endpoint carry no `aws:SourceIp`.
 */
export function isPrivateIpv4Block(block: { v6: boolean; bits: number; bytes: readonly number[] }): boolean {
  if (block.v6) return false;
  const [a, b] = block.bytes;
  return (a === 10 && block.bits >= 8) || (a === 172 && (b & 0xf0) === 16 && block.bits >= 12) || (a === 192 && b === 168 && block.bits >= 16);
}
