// What decides, once a redirect is routed to its flow, whether its code may go to the token
// endpoint: a malformed redirect (RFC 6749 3.1 / 4.1.2) never; then the RFC 9207 issuer check; then
// an `error` response ends the flow as the IdP's refusal. The failures carry no raw URL: it holds the
// code, which the trace masks until "Reveal secrets".
import type { FlowError } from '../../shared/errors';
import type { ParsedRedirect } from '../../shared/redirect';
import type { FlowSettings } from '../../shared/settings';
import { authorizationError } from '../flow/authorization-errors';
import { checkIssuerParameter, type IssuerNote } from './issuer-parameter';

export interface RedirectVerdict {
  notes: IssuerNote[];
  /** The flow fails with this, and no token request is made. */
  failure?: FlowError;
}

export function checkRedirect(redirect: ParsedRedirect, url: string, settings: FlowSettings): RedirectVerdict {
  if (redirect.malformed !== undefined) {
    return {
      notes: [],
      failure: { kind: 'malformed_redirect', message: `The redirect is malformed: ${redirect.malformed}. Its code was not sent to the token endpoint; the redirect is in the trace.` },
    };
  }
  const issuer = checkIssuerParameter(redirect.iss, settings);
  const notes = issuer.note ? [issuer.note] : [];
  if (issuer.failure) return { notes, failure: issuer.failure };
  if (redirect.error !== undefined) return { notes, failure: authorizationError(redirect, url) };
  return { notes };
}
