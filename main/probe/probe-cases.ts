// The PKCE enforcement cases as data: what each expects, how its flow differs from a normal one (the
// authorization request, then the token request as pause mode would let a user edit it), and the
// rule that turns what the IdP did into a verdict. The runner (probe-runner.ts) only executes them.
import type { ExchangeDraft } from '../../shared/exchange-draft';
import type { FlowSnapshot } from '../../shared/flow-types';
import { UNRESERVED_CHARACTERS } from '../../shared/pkce';
import type { ProbeObservation, ProbeVerdict } from '../../shared/probe-types';

/** One token endpoint answer (or none: a network failure). */
export interface TokenAnswer {
  status?: number;
  error?: string;
  errorDescription?: string;
  tokens: boolean;
}

/** What one case's flow did. */
export interface CaseRun {
  flow: FlowSnapshot;
  /** The flow ended before a code could be exchanged (e.g. the authorization endpoint refused the request). */
  authorizationRefused: boolean;
  answers: TokenAnswer[];
  /** Case 7: whether the first use's access token still works after the replay; null: could not be checked. */
  stillActive?: { active: boolean; via: string } | null;
}

export interface CaseContext {
  publicClient: boolean;
  /** code_challenge_methods_supported of the discovered metadata; null when unknown. */
  advertisedMethods: string[] | null;
}

export interface Judgement {
  verdict: ProbeVerdict;
  reason: string;
}

export interface ProbeCase {
  id: string;
  title: string;
  expectation: string;
  rfc: string;
  /** The flow to run; absent: the case reads the flow of case `readsFlowOf`. */
  flow?: {
    omitChallenge?: boolean;
    method?: 'plain';
    /** A verifier of the case's own (its challenge is computed from it). */
    verifier?: () => string;
    tweak?: (draft: ExchangeDraft) => ExchangeDraft;
    replay?: boolean;
    checkRevocation?: boolean;
  };
  readsFlowOf?: string;
  judge(run: CaseRun, ctx: CaseContext): Judgement;
}

const ok = (a: TokenAnswer | undefined) => a?.status !== undefined && a.status >= 200 && a.status < 300 && a.tokens;
const refused = (a: TokenAnswer | undefined) => a?.status !== undefined && a.status >= 400;

/** The usual rule: refused (at either endpoint) passes, tokens fail, no answer is only information. */
function mustRefuse(run: CaseRun, accepted: Judgement = { verdict: 'fail', reason: 'The IdP issued tokens: it does not enforce this.' }): Judgement {
  const par = run.flow.error?.kind === 'par_failed' ? run.flow.error : undefined;
  if (par && !(par.httpStatus !== undefined && par.httpStatus >= 400)) return { verdict: 'info', reason: 'The pushed authorization request (Use PAR) got no clear answer: see the trace.' };
  if (run.authorizationRefused) return { verdict: 'pass', reason: `Refused at the ${par ? 'PAR endpoint' : 'authorization endpoint'}${par?.error ? ` (${par.error})` : ''}: no code was issued.` };
  const answer = run.answers[0];
  if (refused(answer)) return { verdict: 'pass', reason: `Refused by the token endpoint${answer?.error ? ` (${answer.error})` : ''}.` };
  if (ok(answer)) return accepted;
  return { verdict: 'info', reason: 'The token endpoint gave no clear answer (no response, or a success without tokens): see the trace.' };
}

function verifierOf(length: number, extra = ''): () => string {
  return () => {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    return [...bytes].map((b) => UNRESERVED_CHARACTERS[b % UNRESERVED_CHARACTERS.length]).join('').slice(0, length - extra.length) + extra;
  };
}

const looser = (what: string) => ({ verdict: 'info' as const, reason: `Accepted: the IdP is looser than RFC 7636 about ${what}.` });

function flip(verifier: string | null): string {
  const base = verifier ?? 'x'.repeat(43);
  return `${base.slice(0, -1)}${base.endsWith('A') ? 'B' : 'A'}`;
}

export const PROBE_CASES: ProbeCase[] = [
  {
    id: '1',
    title: 'Correct verifier (control)',
    expectation: 'Tokens are issued.',
    rfc: 'RFC 7636 4.5',
    flow: {},
    judge: (run) =>
      ok(run.answers[0]) ? { verdict: 'pass', reason: 'Tokens issued: the settings work, the other cases can be trusted.' } : { verdict: 'fail', reason: 'No tokens with the correct verifier: fix the settings first; the other cases are not run.' },
  },
  {
    id: '2',
    title: 'Wrong verifier',
    expectation: 'Refused (invalid_grant).',
    rfc: 'RFC 7636 4.6',
    flow: { tweak: (d) => ({ ...d, codeVerifier: flip(d.codeVerifier) }) },
    judge: (run) => mustRefuse(run),
  },
  {
    id: '3',
    title: 'No verifier',
    expectation: 'Refused (invalid_grant): the code was bound to a challenge.',
    rfc: 'RFC 7636 4.6',
    flow: { tweak: (d) => ({ ...d, codeVerifier: null }) },
    judge: (run) => mustRefuse(run),
  },
  {
    id: '4',
    title: 'Verifier without a challenge (PKCE downgrade)',
    expectation: 'Refused: a verifier for a code issued without code_challenge.',
    rfc: 'RFC 9700 2.1.1',
    flow: { omitChallenge: true },
    judge: (run) => mustRefuse(run),
  },
  {
    id: '5',
    title: 'No code_challenge at all',
    expectation: 'Refused at the authorization endpoint, or the code refused (a public client must use PKCE).',
    rfc: 'RFC 9700 2.1.1',
    flow: { omitChallenge: true, tweak: (d) => ({ ...d, codeVerifier: null }) },
    judge: (run, ctx) =>
      mustRefuse(
        run,
        ctx.publicClient
          ? { verdict: 'fail', reason: 'A public client got tokens without PKCE: the IdP does not require it.' }
          : { verdict: 'info', reason: 'A confidential client got tokens without PKCE: allowed, though RFC 9700 recommends PKCE for every client.' },
      ),
  },
  {
    id: '6',
    title: 'plain method',
    expectation: 'Refused when only S256 is offered; accepting plain is a policy (info).',
    rfc: 'RFC 7636 4.2, RFC 9700 2.1.1',
    flow: { method: 'plain' },
    judge: (run, ctx) => {
      const listed = ctx.advertisedMethods;
      if (listed !== null && !listed.includes('plain')) {
        return mustRefuse(run, { verdict: 'fail', reason: 'plain accepted although the metadata lists only ' + listed.join(', ') + '.' });
      }
      return mustRefuse(run, { verdict: 'info', reason: listed === null ? 'plain accepted (the metadata does not say which methods are offered).' : 'plain accepted, as the metadata says: a policy choice; S256 is recommended.' });
    },
  },
  {
    id: '7',
    title: 'Code redeemed twice',
    expectation: 'The second use is refused.',
    rfc: 'RFC 6749 4.1.2',
    flow: { replay: true, checkRevocation: true },
    judge: (run) => {
      if (!ok(run.answers[0])) return { verdict: 'info', reason: 'The first use got no tokens, so a replay could not be tested.' };
      if (refused(run.answers[1])) return { verdict: 'pass', reason: `The second use was refused${run.answers[1]?.error ? ` (${run.answers[1].error})` : ''}.` };
      if (ok(run.answers[1])) return { verdict: 'fail', reason: 'The same code gave tokens twice.' };
      return { verdict: 'info', reason: 'The second use got no clear answer: see the trace.' };
    },
  },
  {
    id: '7b',
    title: 'Tokens of the first use after the replay',
    expectation: 'Revoked (SHOULD): reported for information.',
    rfc: 'RFC 6749 4.1.2',
    readsFlowOf: '7',
    judge: (run) => {
      const check = run.stillActive;
      if (!check) return { verdict: 'info', reason: 'Not checked: no introspection or UserInfo endpoint is known (press Discover), or the replay gave no tokens to check.' };
      return check.active
        ? { verdict: 'info', reason: `Still active after the replay (${check.via}): the IdP does not revoke them (a SHOULD).` }
        : { verdict: 'info', reason: `Revoked after the replay (${check.via}).` };
    },
  },
  {
    id: '8',
    title: 'Different redirect_uri at the token endpoint',
    expectation: 'Refused (invalid_grant).',
    rfc: 'RFC 6749 4.1.3',
    flow: { tweak: (d) => ({ ...d, redirectUri: `${d.redirectUri.replace(/\/+$/, '')}/probe-mismatch` }) },
    judge: (run) => mustRefuse(run),
  },
  {
    id: '9',
    title: 'state echoed unchanged',
    expectation: 'The redirect carries the state sent.',
    rfc: 'RFC 6749 4.1.2',
    readsFlowOf: '1',
    judge: (run) => {
      const redirect = run.flow.trace.find((t) => t.kind === 'redirect');
      const state = redirect?.kind === 'redirect' ? redirect.params.state : undefined;
      return state === run.flow.state ? { verdict: 'pass', reason: 'The same state came back.' } : { verdict: 'fail', reason: state === undefined ? 'The redirect had no state.' : 'The redirect carried another state.' };
    },
  },
  {
    id: '9b',
    title: 'iss in the redirect',
    expectation: 'Present or absent: reported for information.',
    rfc: 'RFC 9207',
    readsFlowOf: '1',
    judge: (run) => {
      const redirect = run.flow.trace.find((t) => t.kind === 'redirect');
      const iss = redirect?.kind === 'redirect' ? redirect.params.iss : undefined;
      return { verdict: 'info', reason: iss === undefined ? 'Absent: the client cannot tell IdPs apart by the redirect (mix-up defence).' : `Present: ${iss}.` };
    },
  },
  {
    id: '10a',
    title: 'Verifier of 42 characters',
    expectation: 'Refused (the minimum is 43); accepted is info.',
    rfc: 'RFC 7636 4.1',
    flow: { verifier: verifierOf(42) },
    judge: (run) => mustRefuse(run, looser('the verifier length (42 < 43)')),
  },
  {
    id: '10b',
    title: 'Verifier of 129 characters',
    expectation: 'Refused (the maximum is 128); accepted is info.',
    rfc: 'RFC 7636 4.1',
    flow: { verifier: verifierOf(129) },
    judge: (run) => mustRefuse(run, looser('the verifier length (129 > 128)')),
  },
  {
    id: '10c',
    title: 'Verifier with a character outside the unreserved set',
    expectation: 'Refused; accepted is info.',
    rfc: 'RFC 7636 4.1',
    flow: { verifier: verifierOf(64, '+') },
    judge: (run) => mustRefuse(run, looser("the verifier's characters ('+')")),
  },
];

/** The table's "what happened": the refusal at the authorization endpoint, or the first token answer. */
export function observe(run: CaseRun): ProbeObservation {
  if (run.authorizationRefused) {
    const error = run.flow.error;
    return {
      summary: `Refused at the authorization endpoint${error?.error ? `: ${error.error}` : ''}`,
      ...(error?.error ? { error: error.error } : {}),
      ...(error?.errorDescription ? { errorDescription: error.errorDescription } : {}),
    };
  }
  const answers = run.answers.map((a, i) => ({ a, i }));
  const shown = answers.length > 1 ? answers[answers.length - 1] : answers[0];
  const answer = shown?.a;
  if (!answer || answer.status === undefined) return { summary: 'No answer from the token endpoint' };
  const what = answer.tokens ? 'tokens issued' : (answer.error ?? 'no tokens');
  return {
    summary: `${answers.length > 1 ? `use ${answers.length}: ` : ''}HTTP ${answer.status}, ${what}`,
    httpStatus: answer.status,
    ...(answer.error ? { error: answer.error } : {}),
    ...(answer.errorDescription ? { errorDescription: answer.errorDescription } : {}),
  };
}
