// What the flow engine calls once tokens arrived: the ID token checked row by row (OpenID Connect
// Core 3.1.3.7) and a JWT access token's signature, iss and exp shown for information (RFC 9068: its
// audience is the API, not this client). Never throws and never withholds the tokens: every problem
// is a row or a note. The client secret is used here for HS256/384/512 only, and never written out.
import { decodeJwtForDisplay } from '../../shared/jwt';
import { row, ID_TOKEN_CHECKS, type CheckRow, type TokenValidation, type ValidationReport } from '../../shared/oidc/check-rows';
import { checkIdTokenClaims } from '../../shared/oidc/id-token-claims';
import { expectedIssuer, issuerJwksUri } from '../../shared/oidc/issuer';
import type { TokenResult } from '../../shared/flow-types';
import { scopeIncludesOpenId, type FlowSettings } from '../../shared/settings';
import { checkSignature, type SignatureInputs } from './jws-signature';
import { JwksCache } from './jwks-cache';
import { expectedHalfHash } from './token-hash';

export interface TokenCheckContext {
  settings: FlowSettings;
  /** null or '': a public client. */
  clientSecret: string | null;
  /** The nonce this flow sent. */
  nonce: string | undefined;
  /** The authorization code that was exchanged (for c_hash). */
  code: string;
  now: Date;
  /** Aborts the JWKS fetch when the flow ends meanwhile. */
  signal?: AbortSignal;
}

export interface ValidationNote {
  level: 'info' | 'warning';
  message: string;
}

export interface TokenCheckOutcome {
  validation: TokenValidation;
  notes: ValidationNote[];
}

export class TokenValidator {
  readonly jwks: JwksCache;

  constructor(jwks: JwksCache = new JwksCache()) {
    this.jwks = jwks;
  }

  async validate(tokens: TokenResult, ctx: TokenCheckContext): Promise<TokenCheckOutcome> {
    const notes: ValidationNote[] = [];
    const validation: TokenValidation = {};
    const { settings } = ctx;
    const issuer = expectedIssuer(settings);
    const signing = {
      issuer,
      jwksUri: issuerJwksUri(settings),
      jwks: this.jwks,
      signal: ctx.signal,
    };

    if (tokens.idToken !== undefined) {
      validation.idToken = await this.checkIdToken(tokens, ctx, issuer, signing, notes);
    } else if (scopeIncludesOpenId(settings.scope)) {
      notes.push({ level: 'warning', message: 'The scope included openid but the token response has no id_token: the IdP did not treat this as an OpenID Connect request.' });
    }
    if (tokens.accessToken !== undefined) {
      const report = await this.checkJwtAccessToken(tokens.accessToken, ctx, issuer, signing, notes);
      if (report) validation.accessToken = report;
    }
    return { validation, notes };
  }

  private async checkIdToken(tokens: TokenResult, ctx: TokenCheckContext, issuer: string, signing: Omit<SignatureInputs, 'allowedAlgs' | 'hmacSecret'>, notes: ValidationNote[]): Promise<ValidationReport> {
    const idToken = tokens.idToken ?? '';
    const decoded = decodeJwtForDisplay(idToken, ctx.now);
    if (!decoded.ok) {
      notes.push({ level: 'warning', message: `The id_token could not be decoded: ${decoded.reason}` });
      const encrypted = idToken.trim().split('.').length === 5;
      return {
        informational: false,
        rows: ID_TOKEN_CHECKS.map((name) =>
          name === 'Signature' ? row(name, encrypted ? 'not checked' : 'fail', decoded.reason) : row(name, 'not checked', 'the ID token could not be decoded'),
        ),
      };
    }
    const secret = ctx.clientSecret ?? '';
    const signature = await checkSignature(idToken, decoded.header, {
      ...signing,
      allowedAlgs: ctx.settings.metadata?.metadata.id_token_signing_alg_values_supported ?? [],
      hmacSecret: secret !== '' ? { secret } : { unavailable: `${String(decoded.header.alg)} is checked with the client secret, and this is a public client (no secret)` },
    });
    for (const message of signature.notes) notes.push({ level: 'info', message });
    const claims = checkIdTokenClaims(decoded.payload, {
      issuer,
      clientId: ctx.settings.clientId,
      nonce: ctx.nonce,
      now: ctx.now,
      skewSeconds: ctx.settings.clockSkewSeconds,
      maxAge: maxAgeSent(ctx.settings),
      atHash: expectedHalfHash(decoded.header.alg, tokens.accessToken, 'access token'),
      cHash: expectedHalfHash(decoded.header.alg, ctx.code, 'authorization code'),
    });
    return { informational: false, rows: [signature.row, ...claims] };
  }

  /** A three-part JWS access token (RFC 9068 `at+jwt`, or any): signature, iss and exp, for information. */
  private async checkJwtAccessToken(accessToken: string, ctx: TokenCheckContext, issuer: string, signing: Omit<SignatureInputs, 'allowedAlgs' | 'hmacSecret'>, notes: ValidationNote[]): Promise<ValidationReport | undefined> {
    const decoded = decodeJwtForDisplay(accessToken, ctx.now);
    if (!decoded.ok) return undefined; // opaque: nothing to check, and nothing wrong with that
    const signature = await checkSignature(accessToken, decoded.header, {
      ...signing,
      allowedAlgs: 'any',
      hmacSecret: { unavailable: 'an access token signed with a shared secret is for the API to check, not this client' },
    });
    for (const message of signature.notes) notes.push({ level: 'info', message });
    const claims = checkIdTokenClaims(decoded.payload, {
      issuer,
      clientId: ctx.settings.clientId,
      nonce: undefined,
      now: ctx.now,
      skewSeconds: ctx.settings.clockSkewSeconds,
      maxAge: undefined,
      atHash: { unavailable: 'not an ID token' },
      cHash: { unavailable: 'not an ID token' },
    });
    const shown: CheckRow[] = claims.filter((r) => r.name === 'Issuer (iss)' || r.name === 'Expiry (exp)');
    return { informational: true, rows: [signature.row, ...shown] };
  }
}

/** max_age as sent in the authorization request's extra parameters, if it was. */
function maxAgeSent(settings: FlowSettings): string | undefined {
  return settings.extraAuthParams.find((p) => p.enabled && p.key.trim() === 'max_age' && (p.sendAs === undefined || p.sendAs === 'query'))?.value;
}
