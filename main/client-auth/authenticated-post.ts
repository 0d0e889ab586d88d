// The one way main builds a client-authenticated POST (token, refresh, PAR, revocation,
// introspection): the pure builder of shared/token-request.ts plus, for private_key_jwt and
// client_secret_jwt, an assertion made here (signing needs the key, which only main holds). The
// assertion's audience follows the profile's choice: the endpoint the POST goes to, or the issuer.
import { assertionHmacAlg } from '../../shared/oidc/preflight';
import type { FlowSettings } from '../../shared/settings';
import { buildClientPost, type ClientPostInput, type TokenRequest } from '../../shared/token-request';
import type { ClientKeys } from '../keys/key-material';
import { assertIssuerAssertionDestination } from '../keys/signing-key-binding';
import { AssertionUnavailable, createClientAssertion } from './client-assertion';

export interface ClientAuthContext {
  settings: Pick<FlowSettings, 'clientAuthentication' | 'assertionAudience' | 'issuer' | 'metadata'>;
  keys: ClientKeys;
  now: Date;
}

export async function buildAuthenticatedPost(input: Omit<ClientPostInput, 'clientAuthentication' | 'clientAssertion'>, ctx: ClientAuthContext): Promise<TokenRequest> {
  const method = ctx.settings.clientAuthentication;
  if (method !== 'private_key_jwt' && method !== 'client_secret_jwt') return buildClientPost({ ...input, clientAuthentication: method });
  // See signing-key-binding.ts: only an issuer audience needs the origin check.
  if (method === 'private_key_jwt' && ctx.settings.assertionAudience === 'issuer' && ctx.keys.signingKey) assertIssuerAssertionDestination(ctx.keys.signingKey, input.url);
  const clientAssertion = await createClientAssertion({
    method,
    clientId: input.clientId,
    audience: assertionAudience(ctx.settings, input.url),
    now: ctx.now,
    ...(ctx.keys.signingKey ? { signingKey: ctx.keys.signingKey } : {}),
    clientSecret: input.clientSecret,
    hmacAlg: assertionHmacAlg(ctx.settings.metadata?.metadata),
  });
  return buildClientPost({ ...input, clientAuthentication: method, clientAssertion });
}

/** The endpoint URL without its query (RFC 7523 3: the token endpoint's URL), or the issuer. */
export function assertionAudience(settings: ClientAuthContext['settings'], url: string): string {
  if (settings.assertionAudience === 'issuer') {
    const issuer = settings.metadata?.metadata.issuer ?? settings.issuer.trim();
    if (issuer === '') throw new AssertionUnavailable('The assertion audience is the issuer, but no Issuer is set: enter it (and Discover), or choose the endpoint as the audience.');
    return issuer;
  }
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}
