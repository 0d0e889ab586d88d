// Discovered IdP metadata (OpenID Connect Discovery 1.0 section 3, RFC 8414 section 2): the fields
// the inspector uses, kept with the profile. Unknown fields are dropped; known ones are typed loosely
// on purpose (an IdP that sends a wrong type is reported by discovery, not rejected here).
import { z } from 'zod';

const url = z.string().max(4_000);
const list = z.array(z.string().max(200)).max(100);

export const OidcMetadataSchema = z.object({
  issuer: url,
  authorization_endpoint: url.optional(),
  token_endpoint: url.optional(),
  jwks_uri: url.optional(),
  userinfo_endpoint: url.optional(),
  revocation_endpoint: url.optional(),
  introspection_endpoint: url.optional(),
  end_session_endpoint: url.optional(),
  pushed_authorization_request_endpoint: url.optional(),
  code_challenge_methods_supported: list.optional(),
  token_endpoint_auth_methods_supported: list.optional(),
  /** private_key_jwt / client_secret_jwt: the JWS algorithms the IdP verifies assertions with. */
  token_endpoint_auth_signing_alg_values_supported: list.optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
  require_pushed_authorization_requests: z.boolean().optional(),
  response_types_supported: list.optional(),
  scopes_supported: list.optional(),
  id_token_signing_alg_values_supported: list.optional(),
  /** OIDC Discovery 3: the algorithms a signed UserInfo response may use. */
  userinfo_signing_alg_values_supported: list.optional(),
  // RFC 9101 10.5 / OIDC Discovery 3: request objects (JAR).
  request_parameter_supported: z.boolean().optional(),
  request_object_signing_alg_values_supported: list.optional(),
  require_signed_request_object: z.boolean().optional(),
  /** RFC 9449 5.1: the algorithms the IdP accepts for DPoP proofs (the DPoP key's algorithm is chosen from it). */
  dpop_signing_alg_values_supported: list.optional(),
  /** RFC 8705 5: endpoints to use instead when presenting a client certificate (often another host). */
  mtls_endpoint_aliases: z
    .object({
      token_endpoint: url.optional(),
      revocation_endpoint: url.optional(),
      introspection_endpoint: url.optional(),
      userinfo_endpoint: url.optional(),
      pushed_authorization_request_endpoint: url.optional(),
    })
    .optional(),
  /** RFC 8705 3.3: the IdP issues certificate-bound access tokens. */
  tls_client_certificate_bound_access_tokens: z.boolean().optional(),
});
export type OidcMetadata = z.infer<typeof OidcMetadataSchema>;

/** The metadata as kept with a profile: the document's fields above, where it came from and when. */
export const DiscoveredMetadataSchema = z.object({
  /** The URL the document was fetched from (OIDC Discovery or RFC 8414 well-known URL). */
  source: url,
  fetchedAt: z.string().max(100),
  metadata: OidcMetadataSchema,
});
export type DiscoveredMetadata = z.infer<typeof DiscoveredMetadataSchema>;
