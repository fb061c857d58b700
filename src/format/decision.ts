/**
 * Renders a Decision (and its explanation, when present) as text, in the style of STYLE.md "A decision, explained".
 * Pure: same decision in, same string out.
 */
import type { ConditionResult } from '../engine/conditions.js';
import type { ElementMatch, StatementExplanation } from '../engine/explain.js';
import { describePolicyType } from '../engine/policy-type-names.js';
import type { Decision, Request, StatementRef } from '../engine/types.js';

function statementName(ref: StatementRef): string {
  const sid = ref.sid ? `"${ref.sid}"` : `#${ref.statementIndex + 1}`;
  return `${ref.file} Statement ${sid} (line ${ref.span.start.line})`;
}

function elementLine(name: string, m: ElementMatch): string {
  const negated = m.element.startsWith('Not');
  const verb = negated ? (m.matched ? 'is not in' : 'is in') : m.matched ? 'matches' : 'does not match';
  const shown = m.matchedBy.length > 0 ? m.matchedBy : m.patterns;
  return `    ${name.padEnd(9)} ${m.requestValue}  ${verb}  ${negated ? `${m.element} ` : ''}${shown.join(', ')}`;
}

function conditionLine(c: ConditionResult): string {
  const policy = c.policyValues.map((v) => v ?? '(unresolved variable)').join(' | ');
  const request = c.contextValues === null ? 'absent' : c.contextValues.length === 0 ? '(empty list)' : c.contextValues.join(', ');
  const tail = c.error ? `error: ${c.error}` : c.result ? 'true' : 'false';
  return `    condition ${c.operator} ${c.key} ${policy}  (request: ${request})  ${tail}`;
}

function statementLines(s: StatementExplanation): string[] {
  const lines = [elementLine('action', s.action)];
  if (s.resource) lines.push(elementLine('resource', s.resource));
  if (s.principal) lines.push(elementLine('principal', s.principal));
  for (const c of s.conditions) lines.push(conditionLine(c));
  if (s.error) lines.push(`    skipped: ${s.error}`);
  return lines;
}

/** Renders one decision for `simulate`, `test` and `why`. `verbose` lists every statement of the explanation. */
export function formatDecision(request: Pick<Request, 'principal' | 'action' | 'resource'>, decision: Decision, options: { verbose?: boolean } = {}): string {
  const out: string[] = [`${decision.decision}  ${request.action} on ${request.resource}  (${request.principal})`];
  const e = decision.explanation;
  if (decision.decision === 'allowed') {
    for (const ref of decision.determining) out.push(`  allowed by: ${statementName(ref)}, ${describePolicyType(ref.policyType, ref.level)}`);
  } else if (decision.decision === 'explicitDeny') {
    for (const ref of decision.determining) out.push(`  denied by: ${statementName(ref)}, ${describePolicyType(ref.policyType, ref.level)}`);
  } else {
    out.push(`  ${e?.missingAllow?.message ?? (decision.blockedBy ? `no ${describePolicyType(decision.blockedBy)} allows this request` : 'no statement allows this request')}.`);
  }
  if (e) {
    for (const s of e.closest) {
      out.push(`  closest: ${statementName(s.ref)}`);
      out.push(...statementLines(s));
    }
    for (const fix of e.fixes) out.push(`  fix: ${fix.message}`);
    for (const note of e.notes) out.push(`  note: ${note}`);
    if (options.verbose) {
      for (const t of e.policyTypes) {
        out.push(`  ${describePolicyType(t.policyType, t.level)}: ${t.applies ? t.outcome : `not applied (${t.reason ?? 'does not apply'})`}`);
        for (const s of t.statements) {
          out.push(`   ${s.effect} ${statementName(s.ref)}: ${s.applies ? 'applies' : 'does not apply'}`);
          out.push(...statementLines(s).map((l) => ` ${l}`));
        }
      }
    }
  }
  for (const error of decision.errors) out.push(`  error: ${error.message}`);
  return `${out.join('\n')}\n`;
}
