import { describe, expect, it } from 'vitest';
import { ZERO_SPAN } from '../../src/core/span.js';
import { evaluateCondition, parseDate, parseOperator } from '../../src/engine/index.js';
import type { ContextValue } from '../../src/engine/types.js';
import type { ConditionEntry } from '../../src/policy/types.js';

function entry(operator: string, key: string, values: string[]): ConditionEntry {
  return {
    operator: { value: operator, span: ZERO_SPAN },
    key: { value: key, span: ZERO_SPAN },
    values: values.map((value) => ({ value, span: ZERO_SPAN })),
    span: ZERO_SPAN,
  };
}

type Case = [operator: string, key: string, values: string[], context: Record<string, ContextValue>, expected: boolean];

function run(cases: Case[]) {
  it.each(cases)('%s %s %j with %j → %s', (operator, key, values, context, expected) => {
    const result = evaluateCondition(entry(operator, key, values), context);
    expect(result.error).toBeUndefined();
    expect(result.result).toBe(expected);
  });
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
describe('String operators', () => {
  run([
    ['StringEquals', 'aws:username', ['johndoe'], { 'aws:username': 'johndoe' }, true],
    ['StringEquals', 'aws:username', ['johndoe'], { 'aws:username': 'JohnDoe' }, false],
    ['StringEquals', 'aws:username', ['a', 'johndoe'], { 'aws:username': 'johndoe' }, true], // values are ORed
    ['StringEquals', 'AWS:UserName', ['johndoe'], { 'aws:username': 'johndoe' }, true], // key names are case-insensitive
    ['StringEquals', 'aws:username', ['johndoe'], {}, false], // missing key: positive operator is false
    ['StringNotEquals', 'aws:username', ['johndoe'], {}, true], // missing key: negated operator is true
    ['StringNotEquals', 'aws:username', ['a', 'b'], { 'aws:username': 'c' }, true], // negated values are NORed
    ['StringNotEquals', 'aws:username', ['a', 'b'], { 'aws:username': 'b' }, false],
    ['StringEqualsIgnoreCase', 'aws:username', ['johndoe'], { 'aws:username': 'JohnDoe' }, true],
    ['StringNotEqualsIgnoreCase', 'aws:username', ['johndoe'], { 'aws:username': 'JOHNDOE' }, false],
    ['StringLike', 's3:prefix', ['home/*'], { 's3:prefix': 'home/alice/x' }, true],
    ['StringLike', 's3:prefix', ['home/?'], { 's3:prefix': 'home/ab' }, false],
    ['StringLike', 's3:prefix', ['Home/*'], { 's3:prefix': 'home/a' }, false], // case-sensitive
    ['StringNotLike', 's3:prefix', ['home/*'], { 's3:prefix': 'tmp/a' }, true],
    ['StringNotLike', 's3:prefix', ['home/*'], {}, true],
    ['StringEqualsIfExists', 'ec2:InstanceType', ['t3.micro'], {}, true], // IfExists: missing key is true
    ['StringEqualsIfExists', 'ec2:InstanceType', ['t3.micro'], { 'ec2:InstanceType': 'm5.large' }, false],
    ['StringNotEqualsIfExists', 'ec2:InstanceType', ['t3.micro'], { 'ec2:InstanceType': 't3.micro' }, false],
  ]);
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
describe('Numeric operators', () => {
  run([
    ['NumericEquals', 's3:max-keys', ['10'], { 's3:max-keys': '10' }, true],
    ['NumericEquals', 's3:max-keys', ['10'], { 's3:max-keys': '10.0' }, true],
    ['NumericNotEquals', 's3:max-keys', ['10'], { 's3:max-keys': '11' }, true],
    ['NumericLessThan', 's3:max-keys', ['10'], { 's3:max-keys': '9' }, true],
    ['NumericLessThan', 's3:max-keys', ['10'], { 's3:max-keys': '10' }, false],
    ['NumericLessThanEquals', 's3:max-keys', ['10'], { 's3:max-keys': '10' }, true],
    ['NumericGreaterThan', 's3:max-keys', ['10'], { 's3:max-keys': '10.5' }, true],
    ['NumericGreaterThanEquals', 's3:max-keys', ['10'], { 's3:max-keys': '9' }, false],
    ['NumericLessThan', 's3:max-keys', ['10'], { 's3:max-keys': 'ten' }, false], // not a number: no match
    ['NumericLessThan', 's3:max-keys', ['10'], {}, false],
    ['NumericNotEquals', 's3:max-keys', ['10'], {}, true],
  ]);
});

// Dates: ISO 8601 or epoch seconds, compared as instants.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
describe('Date operators', () => {
  run([
    ['DateLessThan', 'aws:CurrentTime', ['2026-06-30T00:00:00Z'], { 'aws:CurrentTime': '2026-06-01T12:00:00Z' }, true],
    ['DateGreaterThan', 'aws:CurrentTime', ['2026-06-30T00:00:00Z'], { 'aws:CurrentTime': '2026-06-01T12:00:00Z' }, false],
    ['DateEquals', 'aws:CurrentTime', ['2026-06-30T00:00:00Z'], { 'aws:CurrentTime': '1782777600' }, true], // epoch seconds = same instant
    ['DateEquals', 'aws:EpochTime', ['1782777600'], { 'aws:EpochTime': '2026-06-30T00:00:00Z' }, true],
    ['DateLessThan', 'aws:EpochTime', ['1782777600'], { 'aws:EpochTime': '1782777599' }, true],
    ['DateEquals', 'aws:CurrentTime', ['2026-06-30T02:00:00+02:00'], { 'aws:CurrentTime': '2026-06-30T00:00:00Z' }, true], // zones
    ['DateLessThanEquals', 'aws:CurrentTime', ['2026-06-30'], { 'aws:CurrentTime': '2026-06-30T00:00:00Z' }, true],
    ['DateNotEquals', 'aws:CurrentTime', ['2026-06-30T00:00:00Z'], {}, true],
    ['DateLessThan', 'aws:CurrentTime', ['2026-06-30T00:00:00Z'], { 'aws:CurrentTime': 'yesterday' }, false],
  ]);
  it('reads ISO 8601 and epoch seconds as instants', () => {
    expect(parseDate('2026-06-30T00:00:00Z')).toBe(1782777600000);
    expect(parseDate('1782777600')).toBe(1782777600000);
    expect(parseDate('2026-06-30T00:00:00.000Z')).toBe(1782777600000);
    expect(parseDate('not a date')).toBeUndefined();
  });
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
describe('Bool and BinaryEquals', () => {
  run([
    ['Bool', 'aws:SecureTransport', ['true'], { 'aws:SecureTransport': 'true' }, true],
    ['Bool', 'aws:SecureTransport', ['false'], { 'aws:SecureTransport': 'true' }, false],
    ['Bool', 'aws:SecureTransport', ['true'], { 'aws:SecureTransport': 'TRUE' }, true],
    ['Bool', 'aws:SecureTransport', ['false'], {}, false], // a missing key is not "false"
    ['BoolIfExists', 'aws:MultiFactorAuthPresent', ['false'], {}, true],
    ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true],
    ['BinaryEquals', 'key', ['QmluYXJ5VmFsdWVJbkJhc2U2NA=='], { key: 'QmluYXJ5' }, false],
  ]);
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
describe('IpAddress / NotIpAddress', () => {
  run([
    ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '203.0.113.77' }, true],
    ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '203.0.114.1' }, false],
    ['IpAddress', 'aws:SourceIp', ['203.0.113.5'], { 'aws:SourceIp': '203.0.113.5' }, true], // no prefix = /32
    ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.0.0/16'], { 'aws:SourceIp': '192.168.7.7' }, true],
    ['IpAddress', 'aws:SourceIp', ['0.0.0.0/0'], { 'aws:SourceIp': '8.8.8.8' }, true],
    ['IpAddress', 'aws:SourceIp', ['2001:DB8:1234:5678::/64'], { 'aws:SourceIp': '2001:db8:1234:5678::1' }, true],
    ['IpAddress', 'aws:SourceIp', ['2001:DB8:1234:5678::/64'], { 'aws:SourceIp': '2001:db8:1234:5679::1' }, false],
    ['IpAddress', 'aws:SourceIp', ['2001:db8::/32'], { 'aws:SourceIp': '203.0.113.5' }, false], // families do not mix
    ['IpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': 'not-an-ip' }, false],
    ['NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '198.51.100.1' }, true],
    ['NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], { 'aws:SourceIp': '203.0.113.1' }, false],
    ['NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24'], {}, true],
  ]);
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
describe('Arn operators', () => {
  run([
    ['ArnEquals', 'aws:SourceArn', ['arn:aws:sns:us-east-1:111122223333:topic'], { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic' }, true],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:sns:*:111122223333:*'], { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111122223333:t' }, true],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:sns:*:111122223333:*'], { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:444455556666:t' }, false],
    ['ArnEquals', 'aws:PrincipalArn', ['arn:aws:iam::*:role/ci-*'], { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ci-app' }, true],
    ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/admin'], { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/dev' }, true],
    ['ArnNotEquals', 'aws:PrincipalArn', ['arn:aws:iam::*:role/admin'], {}, true],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/admin'], {}, false],
  ]);
});

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
describe('Null', () => {
  run([
    ['Null', 'aws:TokenIssueTime', ['true'], {}, true],
    ['Null', 'aws:TokenIssueTime', ['true'], { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, false],
    ['Null', 'aws:TokenIssueTime', ['false'], { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }, true],
    ['Null', 'aws:TokenIssueTime', ['false'], {}, false],
  ]);
});

// Set operators over multivalued keys: ForAllValues is true for a missing or empty key, ForAnyValue false.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
describe('ForAllValues / ForAnyValue', () => {
  run([
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['env'] }, true],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['env', 'cost'] }, false],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], {}, true],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': [] }, true],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['cost', 'team'] }, true],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': ['cost'] }, false],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], {}, false],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team'], { 'aws:TagKeys': [] }, false],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['env'], { 'aws:TagKeys': 'env' }, true], // a single value is a set of one
    ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:TagKeys': ['env', 'team'] }, true],
    ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['secret'], { 'aws:TagKeys': ['env', 'secret'] }, false],
    ['ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], { 'aws:TagKeys': ['env', 'team'] }, true],
    ['ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], { 'aws:TagKeys': ['env'] }, false],
    ['ForAllValues:StringLike', 'aws:TagKeys', ['team-*'], { 'aws:TagKeys': ['team-a', 'team-b'] }, true],
    ['ForAnyValue:StringEqualsIgnoreCase', 'aws:TagKeys', ['ENV'], { 'aws:TagKeys': ['env'] }, true],
  ]);
});

describe('errors', () => {
  const cases: Array<[operator: string, values: string[], message: RegExp]> = [
    ['StringEqualz', ['a'], /Unknown condition operator `StringEqualz`/],
    ['NumericLessThan', ['ten'], /`ten` is not a number/],
    ['DateLessThan', ['tomorrow'], /`tomorrow` is not a date/],
    ['IpAddress', ['300.1.1.1/8'], /not an IPv4 or IPv6 address/],
    ['Bool', ['yes'], /`yes` is not a boolean/],
    ['Null', ['maybe'], /`maybe` is not a boolean/],
    ['NullIfExists', ['true'], /Unknown condition operator/],
    ['ForSomeValues:StringEquals', ['a'], /Unknown condition operator/],
    // Operator names are looked up as own entries only: Object.prototype members are unknown operators.
    ['constructor', ['a'], /Unknown condition operator `constructor`/],
    ['__proto__', ['a'], /Unknown condition operator `__proto__`/],
    ['toString', ['a'], /Unknown condition operator `toString`/],
    ['hasOwnProperty', ['a'], /Unknown condition operator `hasOwnProperty`/],
    ['ForAnyValue:valueOf', ['a'], /Unknown condition operator `ForAnyValue:valueOf`/],
    ['constructorIfExists', ['a'], /Unknown condition operator `constructorIfExists`/],
  ];
  it.each(cases)('%s %j → error', (operator, values, message) => {
    const result = evaluateCondition(entry(operator, 'k', values), { k: 'a' });
    expect(result.result).toBe(false);
    expect(result.error).toMatch(message);
  });

  it.each(['constructor', '__proto__', 'toString', 'valueOf', 'isPrototypeOf', 'ForAllValues:constructor'])('%s is not an operator', (name) => {
    expect(parseOperator(name)).toBeUndefined();
  });

  it('parses operators with set qualifiers and IfExists', () => {
    expect(parseOperator('ForAnyValue:StringNotLikeIfExists')).toMatchObject({ family: 'String', negated: true, like: true, ifExists: true, set: 'ForAnyValue' });
    expect(parseOperator('NumericGreaterThanEquals')).toMatchObject({ family: 'Numeric', comparison: 'gte', negated: false });
  });
});

describe('context keys that look like object members', () => {
  run([
    ['StringEquals', 'constructor', ['x'], {}, false],
    ['Null', 'toString', ['true'], {}, true],
  ]);
});
