// What an assertion needs besides the signing key, checked when a flow (or the probe) starts rather
// than after the user has signed in: client_secret_jwt needs the client secret, and an issuer
// audience needs an issuer. Errors name the field to fix, as the form shows them.
import { ApiError } from '../../shared/errors';
import type { FlowSettings } from '../../shared/settings';
import { assertionAudience } from './authenticated-post';
import { AssertionUnavailable } from './client-assertion';

export function checkAssertionPrerequisites(settings: FlowSettings, secret: string | null): void {
  const method = settings.clientAuthentication;
  if (method !== 'private_key_jwt' && method !== 'client_secret_jwt') return;
  if (method === 'client_secret_jwt' && !secret) {
    throw new ApiError('invalid_settings', 'client_secret_jwt signs the assertion with the client secret (HMAC): enter it in Client Secret.', [
      { field: 'clientSecret', message: 'client_secret_jwt needs the client secret.' },
    ]);
  }
  try {
    assertionAudience(settings, settings.accessTokenUrl.trim());
  } catch (err) {
    if (err instanceof AssertionUnavailable) throw new ApiError('invalid_settings', err.message, [{ field: 'issuer', message: 'The assertion audience is the issuer: enter it.' }]);
    throw err;
  }
}
