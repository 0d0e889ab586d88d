// RFC 9207: an authorization server may name itself in the redirect (`iss`), so a client talking to
// several servers can tell a mix-up attack. The inspector does not know the issuer identifier (no
// discovery), so it compares origins with the Auth URL: a different host is worth a warning, not a
// failure (some IdPs do serve the issuer from another host).

export interface IssuerNote {
  level: 'info' | 'warning';
  message: string;
}

export function checkIssuerParameter(iss: string | undefined, authUrl: string): IssuerNote | undefined {
  if (iss === undefined) return undefined;
  let issOrigin: string;
  try {
    issOrigin = new URL(iss).origin;
  } catch {
    return { level: 'warning', message: `The redirect carries iss=${JSON.stringify(iss)}, which is not a URL; RFC 9207 requires the issuer identifier (an https URL).` };
  }
  const authOrigin = new URL(authUrl).origin;
  if (issOrigin !== authOrigin) {
    return {
      level: 'warning',
      message: `The redirect names the issuer ${iss} (RFC 9207), on another host than the Auth URL (${authOrigin}). If that is not your IdP's issuer, the response may come from a different authorization server (mix-up).`,
    };
  }
  return { level: 'info', message: `The redirect names the issuer ${iss} (RFC 9207), on the Auth URL's host.` };
}
