// What `run` prints on stdout, and with which exit code a flow ends. Tokens only ever go to stdout,
// in the format asked for; everything else (progress, errors) goes to stderr.
import type { FlowError, FlowErrorKind } from '../../shared/errors';
import type { TokenResult } from '../../shared/flow-types';
import type { RunOutput } from './cli-args';

export const EXIT = { ok: 0, usage: 2, refused: 3, timeout: 4, network: 5 } as const;

/** POSIX shell single quotes: safe for `eval` whatever the value holds. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function formatTokens(tokens: TokenResult, output: RunOutput): string {
  switch (output) {
    case 'json':
      return `${JSON.stringify(tokens.raw, null, 2)}\n`;
    case 'access-token':
      return `${tokens.accessToken ?? ''}\n`;
    case 'env': {
      const lines: string[] = [];
      const add = (name: string, value: string | number | undefined) => {
        if (value !== undefined) lines.push(`${name}=${shellQuote(String(value))}`);
      };
      add('ACCESS_TOKEN', tokens.accessToken);
      add('ID_TOKEN', tokens.idToken);
      add('REFRESH_TOKEN', tokens.refreshToken);
      add('TOKEN_TYPE', tokens.tokenType);
      add('EXPIRES_IN', tokens.expiresIn);
      add('SCOPE', tokens.scope);
      return `${lines.join('\n')}\n`;
    }
  }
}

const BY_KIND: Record<FlowErrorKind, number> = {
  authorization_error: EXIT.refused,
  oauth_error: EXIT.refused,
  http_status: EXIT.refused,
  non_json: EXIT.refused,
  invalid_token_response: EXIT.refused,
  response_too_large: EXIT.refused,
  state_mismatch: EXIT.refused,
  // The redirect itself was refused (RFC 6749 4.1.2 malformed, RFC 9207 issuer): the IdP's answer, not the network.
  malformed_redirect: EXIT.refused,
  issuer_mismatch: EXIT.refused,
  expired: EXIT.timeout,
  cancelled: EXIT.timeout,
  connection_refused: EXIT.network,
  dns: EXIT.network,
  tls: EXIT.network,
  timeout: EXIT.network,
  network: EXIT.network,
  launch_failed: EXIT.network,
  // Refused at the PAR endpoint, or no answer from it: no browser was opened either way.
  par_failed: EXIT.refused,
  // The profile lacks what the assertion needs (key, secret, issuer): a usage problem.
  client_assertion: EXIT.usage,
};

export function exitCodeFor(error: FlowError): number {
  return BY_KIND[error.kind];
}

/** The flow's error for stderr: the IdP's own error code and description first when it sent them. */
export function describeFailure(error: FlowError): string {
  const lines: string[] = [];
  if (error.error) lines.push(`error: ${error.error}${error.errorDescription ? ` (${error.errorDescription})` : ''}`);
  if (error.httpStatus !== undefined) lines.push(`HTTP status: ${error.httpStatus}`);
  lines.push(error.message);
  return lines.join('\n');
}
