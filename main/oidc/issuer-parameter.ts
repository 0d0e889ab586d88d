// RFC 9207: the authorization server names itself in the redirect (`iss`), so a client talking to
// several servers can tell a mix-up attack. With discovered metadata the issuer is known exactly:
//  - the metadata advertises authorization_response_iss_parameter_supported: iss must be there;
//  - whenever iss is there, it must equal the issuer, by simple string comparison (RFC 9207 2.4).
// Either failing stops the flow before any token request, unless the tester ticked "Allow issuer
// mismatch (mix-up test)" to see how far a mix-up would get. Without metadata, nothing tells the
// inspector the issuer reliably: a different iss is a warning (compared with the Issuer field when
// typed, else by host with the Auth URL, as some IdPs serve the issuer from another host).
import type { FlowError } from '../../shared/errors';
import { expectedIssuer } from '../../shared/oidc/issuer';
import type { FlowSettings } from '../../shared/settings';

export interface IssuerNote {
  level: 'info' | 'warning';
  message: string;
}

export interface IssuerVerdict {
  note?: IssuerNote;
  /** Set when the flow must stop before the token request. */
  failure?: FlowError;
}

type IssuerSettings = Pick<FlowSettings, 'issuer' | 'metadata' | 'authUrl' | 'allowIssuerMismatch'>;

const show = (value: string) => JSON.stringify(value);

export function checkIssuerParameter(iss: string | undefined, settings: IssuerSettings): IssuerVerdict {
  const metadata = settings.metadata?.metadata;
  if (!metadata) return withoutMetadata(iss, settings);
  const issuer = expectedIssuer(settings);
  const advertised = metadata.authorization_response_iss_parameter_supported === true;
  if (iss === issuer) return { note: { level: 'info', message: `The redirect's iss ${show(iss)} equals the issuer (RFC 9207).` } };
  if (iss === undefined && !advertised) return {};
  const problem =
    iss === undefined
      ? `The redirect carries no iss, but the IdP's metadata says authorization_response_iss_parameter_supported: true, so it must name the issuer ${show(issuer)}`
      : `The redirect carries iss=${show(iss)}, but the issuer is ${show(issuer)} (RFC 9207 compares them exactly)`;
  if (settings.allowIssuerMismatch) {
    return { note: { level: 'warning', message: `${problem}. Going on to the token request anyway, as "Allow issuer mismatch (mix-up test)" is ticked: a real client must stop here.` } };
  }
  return {
    failure: {
      kind: 'issuer_mismatch',
      message: `${problem}. The response may come from another authorization server (a mix-up attack), so the flow was stopped before any token request (RFC 9207).`,
    },
  };
}

function withoutMetadata(iss: string | undefined, settings: IssuerSettings): IssuerVerdict {
  if (iss === undefined) return {};
  const typed = settings.issuer.trim();
  if (typed !== '') {
    return iss === typed
      ? { note: { level: 'info', message: `The redirect's iss ${show(iss)} equals the Issuer (RFC 9207).` } }
      : { note: { level: 'warning', message: `The redirect carries iss=${show(iss)}, which differs from the Issuer ${show(typed)} (RFC 9207). Press Discover: with the IdP's metadata a mismatch stops the flow.` } };
  }
  let issOrigin: string;
  try {
    issOrigin = new URL(iss).origin;
  } catch {
    return { note: { level: 'warning', message: `The redirect carries iss=${show(iss)}, which is not a URL; RFC 9207 requires the issuer identifier (an https URL).` } };
  }
  const authOrigin = URL.parse(settings.authUrl.trim())?.origin;
  if (issOrigin !== authOrigin) {
    return {
      note: {
        level: 'warning',
        message: `The redirect names the issuer ${iss} (RFC 9207), on another host than the Auth URL (${authOrigin ?? settings.authUrl}). If that is not your IdP's issuer, the response may come from a different authorization server (mix-up).`,
      },
    };
  }
  return { note: { level: 'info', message: `The redirect names the issuer ${iss} (RFC 9207), on the Auth URL's host. Fill Issuer or press Discover to compare it exactly.` } };
}
