import { isPrivateIpv4Block, parseCidr, parseDate, parseNumber, parseOperator } from '../src/lint/conditions.js';
import { defineRule } from '../src/lint/rule.js';

const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

export default defineRule({
  name: 'invalid-condition-value',
  meta: {
    type: 'problem',
    severity: 'error',
    recommended: true,
    appliesTo: ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'],
    docs: { description: 'Require condition values that their operator can read: dates, CIDRs, booleans, numbers, ARNs' },
    messages: {
      notBoolean: '`{{value}}` is not `true` or `false`.',
      multipleBoolean: '`{{operator}}` on `{{key}}` has {{count}} values; a boolean key takes one.',
      notNumber: '`{{value}}` is not a number.',
      notDate: '`{{value}}` is not a date (ISO 8601, e.g. `2026-12-31T23:59:59Z`, or epoch seconds).',
      notCidr: '`{{value}}` is not an IP address or CIDR block.',
      hostBits: '`{{value}}` has bits set after its /{{bits}} mask; AWS reads it as `{{network}}`.',
      privateIp: '`{{value}}` is a private address range, which `aws:SourceIp` never sees.',
      notBase64: '`{{value}}` is not base64.',
      notArn: '`{{value}}` is not an ARN.',
      invalidVpc: '`{{value}}` is not a VPC ID (`vpc-` and 8 or 17 hexadecimal characters).',
      invalidVpce: '`{{value}}` is not a VPC endpoint ID (`vpce-` and 8 or 17 hexadecimal characters).',
      invalidRegion: '`{{value}}` is not a Region name.',
    },
    schema: [],
    defaultOptions: [],
    sources: [
      { tool: 'access-analyzer', id: 'TYPE_MISMATCH_BOOLEAN' },
      { tool: 'access-analyzer', id: 'TYPE_MISMATCH_DATE' },
      { tool: 'access-analyzer', id: 'TYPE_MISMATCH_IP_RANGE' },
      { tool: 'access-analyzer', id: 'TYPE_MISMATCH_NUMBER' },
      { tool: 'access-analyzer', id: 'INVALID_DATE_VALUE' },
      { tool: 'access-analyzer', id: 'INVALID_CONDITION_MULTIPLE_BOOLEAN' },
      { tool: 'access-analyzer', id: 'IMPROVE_IP_RANGE' },
      { tool: 'access-analyzer', id: 'PRIVATE_IP_ADDRESS' },
      { tool: 'access-analyzer', id: 'PRIVATE_NOT_IP_ADDRESS' },
      { tool: 'access-analyzer', id: 'INVALID_VPC_FORMAT' },
      { tool: 'access-analyzer', id: 'INVALID_VPCE_FORMAT' },
      { tool: 'access-analyzer', id: 'INVALID_REGION' },
      { tool: 'parliament', id: 'MISMATCHED_TYPE' },
      { tool: 'parliament', id: 'MISMATCHED_TYPE_OPERATION_TO_NULL' },
      { tool: 'iamcheck-catalog', id: 'condition-value-format' },
      { tool: 'iamcheck-catalog', id: 'condition-multiple-boolean' },
      { tool: 'iamcheck-catalog', id: 'ip-range-host-bits' },
      { tool: 'iamcheck-catalog', id: 'private-ip-in-source-ip' },
      { tool: 'iamcheck-catalog', id: 'vpc-vpce-id-format' },
      { tool: 'iamcheck-catalog', id: 'invalid-region-value' },
    ],
  },
  create(context) {
    return {
      Condition(entry) {
        const operator = parseOperator(entry.operator.value);
        if (!operator) return;
        const key = entry.key.value.toLowerCase();
        const notes = ['A value the operator cannot read never matches: the condition is false (true for negated operators).'];
        if ((operator.family === 'Bool') && entry.values.length > 1 && !operator.set) {
          context.report({ messageId: 'multipleBoolean', span: entry.key.span, data: { operator: entry.operator.value, key: entry.key.value, count: entry.values.length },
            help: 'Keep one value: `true` or `false`.' });
        }
        for (const value of entry.values) {
          const text = value.value;
          const report = (messageId: Parameters<typeof context.report>[0]['messageId'], help: string, data: Record<string, string | number> = {}, extraNotes = notes) =>
            context.report({ messageId, span: value.span, data: { value: text, ...data }, notes: extraNotes, help });
          if (text.includes('${')) continue; // A policy variable: checked at request time.
          switch (operator.family) {
            case 'Bool':
            case 'Null':
              if (!/^(true|false)$/i.test(text)) report('notBoolean', 'Write `true` or `false`.');
              break;
            case 'Numeric':
              if (parseNumber(text) === undefined) report('notNumber', 'Write a number, e.g. `3600`.');
              break;
            case 'Date':
              if (parseDate(text) === undefined) report('notDate', 'Write a date such as `2026-12-31T23:59:59Z`.');
              break;
            case 'Binary':
              if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) report('notBase64', 'Write the value base64-encoded.');
              break;
            case 'Arn':
              if (text !== '*' && !text.startsWith('arn:') && !/^[*?]/.test(text)) report('notArn', 'Write a full ARN (wildcards allowed), e.g. `arn:aws:iam::111122223333:role/*`.');
              break;
            case 'IpAddress': {
              const cidr = parseCidr(text);
              if (!cidr) {
                report('notCidr', 'Write an IPv4 or IPv6 address or CIDR block, e.g. `203.0.113.0/24`.');
                break;
              }
              if (cidr.hostBits) {
                const network = networkOf(cidr);
                report('hostBits', `Write \`${network}\`.`, { bits: cidr.bits, network }, ['The extra bits are ignored, so the range may be wider than it looks.']);
              }
              if (key === 'aws:sourceip' && isPrivateIpv4Block(cidr)) {
                report('privateIp', 'To restrict traffic from a VPC, use `aws:SourceVpc` or `aws:SourceVpce`; for on-premises networks, use their public NAT addresses.', {},
                  ['`aws:SourceIp` holds the public address a request comes from; requests through a VPC endpoint carry no `aws:SourceIp` at all.']);
              }
              break;
            }
            case 'String': {
              if (operator.like && /[*?]/.test(text)) break;
              if (key === 'aws:sourcevpc' && !/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/.test(text)) report('invalidVpc', 'Copy the VPC ID from the VPC console, e.g. `vpc-0a1b2c3d4e5f67890`.');
              else if (key === 'aws:sourcevpce' && !/^vpce-([0-9a-f]{8}|[0-9a-f]{17})$/.test(text)) report('invalidVpce', 'Copy the endpoint ID, e.g. `vpce-0a1b2c3d4e5f67890`.');
              else if (key === 'aws:requestedregion' && !REGION.test(text)) report('invalidRegion', 'Regions look like `us-east-1` or `eu-central-1`.');
              break;
            }
          }
        }
      },
    };
  },
});

/** The network address of a CIDR with its host bits cleared, as text. */
function networkOf(cidr: { v6: boolean; bits: number; bytes: number[] }): string {
  const bytes = cidr.bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, cidr.bits - i * 8));
    return byte & (keep === 8 ? 255 : (255 << (8 - keep)) & 255);
  });
  if (!cidr.v6) return `${bytes.join('.')}/${cidr.bits}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return `${groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${cidr.bits}`;
}
