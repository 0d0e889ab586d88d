// The login and consent steps of the demo IdP (oidc-provider "interactions"): one fixed user,
// a real password check, a consent page that can be denied. Served next to the provider on the same
// origin, so the provider's interaction cookies (scoped to /interaction/<uid>) reach these routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { DEMO_ACCOUNT, DEMO_CLIENTS, DEMO_USER } from './config';
import { consentPage, errorPage, loginPage } from './pages';

export const INTERACTION_PREFIX = '/interaction/';
const MAX_FORM_BYTES = 16 * 1024;

export function interactionUrl(uid: string): string {
  return `${INTERACTION_PREFIX}${uid}`;
}

/** Handles GET /interaction/<uid> and POST /interaction/<uid>/{login,confirm,abort}. */
export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
  const [uid, action = ''] = path.slice(INTERACTION_PREFIX.length).split('/');
  let details: InteractionDetails;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    // Thrown when the interaction cookie is missing or the login has expired.
    const message = err instanceof Error ? err.message : String(err);
    return sendHtml(res, 400, errorPage('Login session not found', `${message}. The login took too long or its cookie was lost; start again from the app.`));
  }
  try {
    if (!uid || details.uid !== uid) return sendHtml(res, 400, errorPage('Unknown login', 'This login page does not belong to the current authorization request. Start again from the app.'));
    const clientId = String(details.params.client_id ?? '');
    const clientName = clientLabel(clientId);

    if (req.method === 'GET' && action === '') {
      if (details.prompt.name === 'login') return sendHtml(res, 200, loginPage({ action: `${path}/login`, clientName }));
      return sendHtml(res, 200, consentPage({
        confirmAction: `${path}/confirm`,
        denyAction: `${path}/abort`,
        clientName,
        accountLabel: DEMO_USER.login,
        scopes: listOf(details.prompt.details.missingOIDCScope).filter((s) => s !== 'offline_access'),
        claims: listOf(details.prompt.details.missingOIDCClaims).filter((c) => !['sub', 'sid', 'auth_time', 'acr', 'amr', 'iss'].includes(c)),
        resourceScopes: Object.entries((details.prompt.details.missingResourceScopes ?? {}) as Record<string, string[]>),
        redirectUri: String(details.params.redirect_uri ?? ''),
        offlineAccess: String(details.params.scope ?? '').split(' ').includes('offline_access'),
      }));
    }
    if (req.method !== 'POST') return sendHtml(res, 405, errorPage('Method not allowed', `${req.method} ${path} is not part of the login.`));

    const form = await readForm(req);
    switch (action) {
      case 'login': {
        const login = form.get('login') ?? '';
        if (login !== DEMO_USER.login || form.get('password') !== DEMO_USER.password) {
          return sendHtml(res, 401, loginPage({ action: path, clientName, login, error: 'Wrong username or password. The demo account is demo / demo.' }));
        }
        return provider.interactionFinished(req, res, { login: { accountId: DEMO_ACCOUNT.sub } }, { mergeWithLastSubmission: false });
      }
      case 'confirm':
        return provider.interactionFinished(req, res, { consent: await grantConsent(provider, details) }, { mergeWithLastSubmission: true });
      case 'abort':
        return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied the request.' }, { mergeWithLastSubmission: false });
      default:
        return sendHtml(res, 404, errorPage('Not found', `${path} is not part of the login.`));
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!res.headersSent) sendHtml(res, 500, errorPage('Login failed', message));
  }
}

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/** Grants exactly what the consent prompt reported missing (as oidc-provider's own example does). */
async function grantConsent(provider: Provider, details: InteractionDetails): Promise<{ grantId?: string }> {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('No signed-in user for this consent');
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details;
  const scopes = listOf(missing.missingOIDCScope);
  if (scopes.length > 0) grant.addOIDCScope(scopes.join(' '));
  const claims = listOf(missing.missingOIDCClaims);
  if (claims.length > 0) grant.addOIDCClaims(claims);
  const resourceScopes = (missing.missingResourceScopes ?? {}) as Record<string, string[]>;
  for (const [indicator, list] of Object.entries(resourceScopes)) grant.addResourceScope(indicator, list.join(' '));
  const grantId = await grant.save();
  return details.grantId ? {} : { grantId };
}

function clientLabel(clientId: string): string {
  const known = Object.values(DEMO_CLIENTS).find((c) => c.clientId === clientId);
  return known ? `${clientId} (${known.applicationType}, ${known.tokenEndpointAuthMethod})` : clientId;
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new Error('Form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}
