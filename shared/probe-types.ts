// The PKCE enforcement probe ("Test PKCE enforcement"): its live state as main sends it, and the
// exported report's JSON schema (the Markdown export says the same in a table).
import { z } from 'zod';
import type { FlowSnapshot } from './flow-types';

export const PROBE_VERDICTS = ['pass', 'fail', 'info', 'not run'] as const;
export type ProbeVerdict = (typeof PROBE_VERDICTS)[number];

/** What the IdP did in one case: at the authorization endpoint, then at the token endpoint. */
export interface ProbeObservation {
  /** "HTTP 400 invalid_grant", "refused at the authorization endpoint", "tokens issued"... */
  summary: string;
  httpStatus?: number;
  error?: string;
  errorDescription?: string;
}

export interface ProbeCaseResult {
  /** "1" … "10c": the numbering, a letter for the parts of one case. */
  id: string;
  title: string;
  expectation: string;
  /** E.g. "RFC 7636 4.6". */
  rfc: string;
  verdict: ProbeVerdict | 'running' | 'pending';
  observed?: ProbeObservation;
  /** Why the verdict: one sentence. */
  reason?: string;
  /** The case's flow (its trace); several cases may share one (9 reads the control flow). */
  flowId?: string;
}

export type ProbeStatus = 'running' | 'done' | 'cancelled' | 'failed';

export interface ProbeSnapshot {
  probeId: string;
  status: ProbeStatus;
  startedAt: string;
  finishedAt?: string;
  idp: { issuer: string; authorizationEndpoint: string; tokenEndpoint: string };
  client: { clientId: string; type: 'public' | 'confidential'; authorizeMode: string };
  /** The progress line: which case runs, what it expects, when to sign in. */
  progress: string;
  /** The case flow awaiting its sign-in now (browser mode opens its URL in a tab). */
  current?: { flowId: string; authorizationUrl: string; openedBy: 'app' | 'renderer' };
  error?: string;
  cases: ProbeCaseResult[];
  /** The flows the cases ran, as they ended (masked when exported). */
  flows: FlowSnapshot[];
}

const TraceEntryShape = z.object({ kind: z.string(), at: z.string() }).passthrough();

/** The exported JSON report. */
export const ProbeReportSchema = z
  .object({
    format: z.literal('pkce-inspector-probe-report'),
    version: z.literal(1),
    date: z.string().datetime(),
    status: z.enum(['running', 'done', 'cancelled', 'failed']),
    idp: z.object({ issuer: z.string(), authorizationEndpoint: z.string(), tokenEndpoint: z.string() }).strict(),
    client: z.object({ clientId: z.string(), type: z.enum(['public', 'confidential']), authorizeMode: z.string() }).strict(),
    summary: z.record(z.enum(PROBE_VERDICTS), z.number().int().nonnegative()),
    cases: z.array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          expectation: z.string(),
          rfc: z.string(),
          verdict: z.enum(PROBE_VERDICTS),
          observed: z.object({ summary: z.string(), httpStatus: z.number().int().optional(), error: z.string().optional(), errorDescription: z.string().optional() }).strict().nullable(),
          reason: z.string(),
          /** The case flow's trace, secrets masked as in the trace panel. */
          trace: z.array(TraceEntryShape),
        })
        .strict(),
    ),
  })
  .strict();
export type ProbeReport = z.infer<typeof ProbeReportSchema>;
