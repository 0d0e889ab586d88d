// The probe's exports: JSON (ProbeReportSchema) and Markdown, with the IdP, the client, the date and
// each case's trace masked as in the trace panel (codes, verifiers, tokens); the client secret is in
// no snapshot, so in no report.
import type { FlowSnapshot } from '../../../shared/flow-types';
import { PROBE_VERDICTS, type ProbeReport, type ProbeSnapshot, type ProbeVerdict } from '../../../shared/probe-types';
import { maskedSnapshot } from '../trace/mask-snapshot';

export function probeReport(probe: ProbeSnapshot, date: Date = new Date()): ProbeReport {
  const flows = new Map<string, FlowSnapshot>(probe.flows.map((f) => [f.flowId, f]));
  const cases = probe.cases.map((c) => {
    const flow = c.flowId ? flows.get(c.flowId) : undefined;
    const verdict: ProbeVerdict = c.verdict === 'pending' || c.verdict === 'running' ? 'not run' : c.verdict;
    return {
      id: c.id,
      title: c.title,
      expectation: c.expectation,
      rfc: c.rfc,
      verdict,
      observed: c.observed ?? null,
      reason: c.reason ?? '',
      trace: flow ? maskedSnapshot(flow).trace : [],
    };
  });
  const summary = Object.fromEntries(PROBE_VERDICTS.map((v) => [v, cases.filter((c) => c.verdict === v).length])) as Record<ProbeVerdict, number>;
  return { format: 'pkce-inspector-probe-report', version: 1, date: date.toISOString(), status: probe.status, idp: probe.idp, client: probe.client, summary, cases };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function probeMarkdown(report: ProbeReport): string {
  const lines = [
    '# PKCE enforcement report',
    '',
    `- IdP: ${report.idp.issuer}`,
    `- Authorization endpoint: ${report.idp.authorizationEndpoint}`,
    `- Token endpoint: ${report.idp.tokenEndpoint}`,
    `- Client: ${report.client.clientId} (${report.client.type})`,
    `- Date: ${report.date}`,
    `- Run: ${report.status}; ${PROBE_VERDICTS.map((v) => `${report.summary[v]} ${v}`).join(', ')}`,
    '',
    '| # | Case | Expected | What happened | Verdict | RFC |',
    '|---|---|---|---|---|---|',
    ...report.cases.map((c) => {
      const observed = c.observed ? [c.observed.summary, c.observed.errorDescription].filter(Boolean).join(': ') : '';
      return `| ${c.id} | ${cell(c.title)} | ${cell(c.expectation)} | ${cell([observed, c.reason].filter(Boolean).join(' — '))} | \`${c.verdict}\` | ${c.rfc} |`;
    }),
    '',
    'An `info` is not a failure: the IdP is looser than the RFC, or the RFC leaves it to policy (see the README).',
    '',
    '## Traces (secrets masked)',
  ];
  for (const c of report.cases) {
    if (c.trace.length === 0) continue;
    lines.push('', `### Case ${c.id}: ${c.title}`, '', '```json', JSON.stringify(c.trace, null, 2), '```');
  }
  return `${lines.join('\n')}\n`;
}

export function reportFileName(report: ProbeReport, extension: 'md' | 'json'): string {
  const host = (() => {
    try {
      return new URL(report.idp.issuer).host.replace(/[^A-Za-z0-9.-]+/g, '-');
    } catch {
      return 'idp';
    }
  })();
  return `pkce-report-${host}-${report.date.replace(/[:.]/g, '-')}.${extension}`;
}

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
