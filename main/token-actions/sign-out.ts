// Sign out at the IdP (OpenID Connect RP-Initiated Logout 1.0): the end_session_endpoint opened with
// id_token_hint, client_id, state and, in loopback mode, a post_logout_redirect_uri on a loopback
// listener that catches the IdP's return. The embedded window's kept cookies are cleared as well.
// In the custom-scheme and embedded modes no post_logout_redirect_uri is sent: nothing there can
// catch a redirect that carries no code, so the IdP shows its own signed-out page.
import { ApiError } from '../../shared/errors';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import { randomToken } from '../../shared/pkce';
import type { ActionResult, ResultRow } from '../../shared/token-actions';
import type { AuthorizationLauncher } from '../flow/flow-engine';
import { startLoopbackListener } from '../flow/loopback-listener';
import { newResult, requireEndpoint, type ActionContext } from './action-context';

export const SIGN_OUT_WAIT_MS = 5 * 60_000;

export interface SignOutDeps {
  launcher: AuthorizationLauncher;
  clearCookies: () => Promise<void>;
}

export interface SignOutStarted {
  trace: TraceEntry[];
  result: ActionResult;
  /** Loopback mode: settles when the IdP sends the browser back (or after SIGN_OUT_WAIT_MS, or on stop()). */
  returned?: Promise<{ trace: TraceEntry[]; result: ActionResult }>;
  /** Stops waiting (the app shuts down): the listener closes and `returned` settles. */
  stop?: () => void;
}

export async function signOut(ctx: ActionContext, flow: FlowSnapshot, deps: SignOutDeps): Promise<SignOutStarted> {
  const { settings, http } = ctx;
  const endpoint = new URL(requireEndpoint(settings, 'sign-out'));
  const state = randomToken();
  const title = 'Sign out at IdP';
  const rows: ResultRow[] = [];
  const idToken = flow.tokens?.idToken;
  if (idToken) endpoint.searchParams.set('id_token_hint', idToken);
  else rows.push({ name: 'id_token_hint', value: 'not sent: this entry has no ID token (the IdP may ask which session to end)', verdict: 'warning' });
  endpoint.searchParams.set('client_id', settings.clientId);

  let settle: ((value: { trace: TraceEntry[]; result: ActionResult }) => void) | undefined;
  const returned = new Promise<{ trace: TraceEntry[]; result: ActionResult }>((resolve) => (settle = resolve));
  let listener: Awaited<ReturnType<typeof startLoopbackListener>> | undefined;
  if (flow.mode === 'browser-loopback') {
    listener = await startLoopbackListener({
      callbackUrl: settings.callbackUrl.trim(),
      expects: 'post-logout',
      onCallback: async (url) => {
        const back = new URL(url).searchParams.get('state');
        const at = http.now();
        const matches = back === state;
        settle?.({
          trace: [{ kind: 'redirect', at: at.toISOString(), url, source: 'loopback', params: Object.fromEntries(new URL(url).searchParams) }],
          result: newResult('sign-out', title, at, {
            outcome: matches ? 'ok' : 'warning',
            summary: matches ? 'Signed out: the IdP ended the session and sent the browser back to the loopback listener with the same state.' : `The IdP came back, but with ${back === null ? 'no state' : 'a different state'} (RP-Initiated Logout 1.0 section 3 says it must return the state sent).`,
            rows: [...rows, { name: 'Returned to', value: url.split('?')[0] ?? url, verdict: 'ok' }, { name: 'state', value: matches ? 'matches' : `sent ${state}, got ${back ?? 'none'}`, verdict: matches ? 'ok' : 'bad' }],
          }),
        });
        return { accepted: true };
      },
    });
    endpoint.searchParams.set('post_logout_redirect_uri', listener.redirectUri);
  } else {
    rows.push({ name: 'post_logout_redirect_uri', value: `not sent: in ${flow.mode === 'embedded' ? 'the embedded window' : 'custom-scheme'} mode nothing can catch the return, so the IdP shows its own page`, verdict: 'info' });
  }
  endpoint.searchParams.set('state', state);
  const url = endpoint.toString();
  const at = http.now();
  const trace: TraceEntry[] = [{ kind: 'action_request', at: at.toISOString(), action: 'sign-out', url, method: 'GET', headers: {}, body: '', bodyParams: [], clientAuth: 'none', clientId: settings.clientId }];

  try {
    await deps.clearCookies();
    rows.push({ name: 'Embedded window cookies', value: 'cleared', verdict: 'ok' });
  } catch {
    rows.push({ name: 'Embedded window cookies', value: 'none here (browser mode keeps no IdP cookies)', verdict: 'info' });
  }
  let openUrl: string | undefined;
  if (deps.launcher.openedBy === 'renderer') openUrl = url;
  else {
    try {
      await deps.launcher.open({ flowId: `sign-out-${state}`, url, mode: flow.mode, redirectUri: listener?.redirectUri ?? flow.redirectUri, keepCookies: settings.keepCookies });
    } catch (err) {
      await listener?.close();
      throw new ApiError('internal', `The IdP's sign-out page could not be opened: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const opened = openUrl ? 'Open the IdP’s sign-out page (a new tab)' : 'The IdP’s sign-out page was opened';
  const result = newResult('sign-out', title, at, {
    outcome: listener ? 'pending' : 'ok',
    summary: listener ? `${opened}; waiting for it to send the browser back to ${listener.redirectUri}.` : `${opened}.`,
    rows: [...rows, { name: 'end_session_endpoint', value: endpoint.origin + endpoint.pathname }],
    ...(openUrl ? { openUrl } : {}),
  });
  if (!listener) return { trace, result };

  const giveUp = (why: string) =>
    settle?.({ trace: [{ kind: 'note', at: http.now().toISOString(), level: 'warning', message: `${why}; the listener was closed.` }], result: newResult('sign-out', title, http.now(), { outcome: 'failed', summary: `${why}.`, rows }) });
  const timer = setTimeout(() => giveUp('The IdP did not send the browser back within 5 minutes (is the post_logout_redirect_uri registered?)'), SIGN_OUT_WAIT_MS);
  timer.unref();
  const closing = listener;
  return {
    trace,
    result,
    returned: returned.finally(() => {
      clearTimeout(timer);
      void closing.close();
    }),
    stop: () => giveUp('The app stopped waiting for the IdP to send the browser back'),
  };
}
