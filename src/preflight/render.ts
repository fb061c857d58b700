import type { Check, PreflightReport } from './types.js';

/** The `--format json` contract of `iamcheck preflight`. */
export function reportToJson(report: PreflightReport): Record<string, unknown> {
  const denied = (c: Check) => c.addTo !== undefined;
  return {
    verdict: report.verdict,
    operations: report.operations,
    checks: report.checks.map((c) => ({
      principal: c.requirement.principal, label: c.requirement.label, kind: c.requirement.kind, action: c.requirement.action,
      resource: c.requirement.resource, ...(c.requirement.context ? { context: c.requirement.context } : {}),
      decision: c.decision, why: c.requirement.why, source: c.requirement.source,
      ...(c.reason ? { reason: c.reason } : {}), ...(c.addTo ? { addTo: c.addTo } : {}),
      ...(c.requirement.origin ? { file: c.requirement.origin.file, line: c.requirement.origin.span.start.line } : {}),
    })),
    missing: report.checks.filter(denied).map((c) => ({
      principal: c.requirement.principal, action: c.requirement.action, resource: c.requirement.resource, addTo: c.addTo,
      ...(c.requirement.context ? { context: c.requirement.context } : {}),
    })),
    problems: report.problems.map((p) => ({
      code: p.ruleId, severity: p.severity, message: p.message, file: p.file, line: p.span.start.line, column: p.span.start.column,
      ...(p.help ? { help: p.help } : {}), ...(p.notes ? { notes: p.notes } : {}),
    })),
    notRequired: report.notRequired,
    ignored: report.ignoredFacts,
    fix: report.fix,
  };
}

const MARK: Record<Check['decision'], string> = { allowed: '✓', implicitDeny: '✗', explicitDeny: '✗', notMapped: '✗', unknown: '?' };

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

/** The terminal checklist: problems, then ✓/✗ per requirement grouped by principal, then the fix as paste-able JSON. */
export function reportToText(report: PreflightReport, title: string): string {
  const out: string[] = [`iamcheck preflight — ${report.operations.join(', ') || 'nothing to check'}  (${title})`, ''];
  if (report.problems.length) {
    out.push('Config problems');
    for (const p of report.problems) {
      out.push(`  ${p.file}:${p.span.start.line}:${p.span.start.column}  ${p.severity}  ${p.ruleId}`, `    × ${p.message}`);
      for (const n of p.notes ?? []) out.push(`    i ${n}`);
      if (p.help) out.push(`    help: ${p.help}`);
    }
    out.push('');
  }
  const byPrincipal = new Map<string, Check[]>();
  for (const c of report.checks) {
    const key = c.requirement.kind === 'trust' ? `trust policy of ${c.requirement.resource}` : `${c.requirement.label}  ${c.requirement.principal}`;
    byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), c]);
  }
  for (const [who, checks] of byPrincipal) {
    out.push(who);
    const folded = new Map<string, number>();
    // Allowed checks on the same resource share one line; denied and unknown ones get their reasons.
    let run: { resource: string; actions: string[] } | undefined;
    const flush = () => {
      if (run) out.push(`  ✓ ${run.actions.join(', ')}  ${run.resource}`);
      run = undefined;
    };
    for (const c of checks) {
      const r = c.requirement;
      if (c.decision === 'allowed' && r.group) {
        folded.set(r.group, (folded.get(r.group) ?? 0) + 1);
        continue;
      }
      const context = r.kind === 'permission' && r.context ? ` (${Object.entries(r.context).map(([k, v]) => `${k}=${String(v)}`).join(', ')})` : '';
      if (c.decision === 'allowed' && r.kind === 'permission') {
        const action = `${r.action}${context}`;
        if (run && run.resource === r.resource) run.actions.push(action);
        else {
          flush();
          run = { resource: r.resource, actions: [action] };
        }
        continue;
      }
      flush();
      const subject = r.kind === 'trust' ? `${r.principal} → ${r.action}` : r.kind === 'mapping' ? `mapped to a Kubernetes identity in ${r.resource}` : `${r.action}${context}  ${r.resource}`;
      out.push(`  ${MARK[c.decision]} ${subject}`);
      if (c.decision !== 'allowed') {
        out.push(`      why:     ${r.why}`);
        if (r.context && r.kind === 'trust') out.push(`      context: ${Object.entries(r.context).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`);
        out.push(`      ${c.decision === 'unknown' ? 'unknown:' : 'denied: '} ${c.reason ?? ''}`);
        if (r.origin) out.push(`      from:    ${r.origin.file}:${r.origin.span.start.line}:${r.origin.span.start.column}`);
        out.push(`      source:  ${r.source}`);
      }
    }
    flush();
    for (const [group, n] of folded) out.push(`  ✓ everything ${group} grants (${n} action${n > 1 ? 's' : ''})`);
    out.push('');
  }
  if (report.notRequired.length) {
    out.push('Not required (no need to add these)');
    for (const n of report.notRequired) out.push(`  - ${n.action} on ${n.resource}: ${n.why}`);
    out.push('');
  }
  if (report.ignoredFacts.length) {
    out.push('Ignored or not verified');
    for (const f of report.ignoredFacts) out.push(`  - ${f}`);
    out.push('');
  }
  const fix = report.fix;
  const sections: [string, Record<string, unknown>][] = [['identity policy of', fix.identity], ['trust policy of', fix.trust], ['resource policy of', fix['resource-policy']]];
  if (sections.some(([, m]) => Object.keys(m).length) || Object.keys(fix['access-entry']).length) {
    out.push('Fix: add these statements');
    for (const [place, map] of sections) {
      for (const [arn, doc] of Object.entries(map)) {
        out.push(`  ${place} ${arn}:`, indent(JSON.stringify(doc, null, 2), '    '));
      }
    }
    for (const entry of Object.values(fix['access-entry'])) out.push(`  access entry for ${entry.principalArn} on cluster ${entry.cluster}:`, `    ${entry.command}`);
    out.push('');
  }
  const failed = report.checks.filter((c) => c.addTo).length;
  const unknown = report.checks.filter((c) => c.decision === 'unknown').length;
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  out.push(`${report.verdict === 'pass' ? 'PASS' : 'FAIL'}: ${report.checks.length - failed - unknown} of ${report.checks.length} checks allowed, ${failed} denied, ${unknown} not verifiable; ${errors} config problem${errors === 1 ? '' : 's'}.`);
  return `${out.join('\n')}\n`;
}
