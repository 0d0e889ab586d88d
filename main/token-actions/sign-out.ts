// Sign out at the IdP (OpenID Connect RP-Initiated Logout 1.0): the end_session_endpoint opened with
// id_token_hint, client_id, state and a post_logout_redirect_uri where something catches the IdP's
// return, in the flow's own mode: a loopback listener (loopback mode), or the embedded sign-out
// window, which stops at the Callback URL as the flow used it (embedded mode, when the launcher has
// openSignOut). The returned state is then checked. The embedded window's kept cookies are cleared
// (after the sign-out window is done, in embedded mode).
// Custom-scheme mode (and embedded mode without such a window, i.e. browser mode) sends no
// post_logout_redirect_uri: nothing there catches a redirect that carries no code, so the IdP shows
// its own signed-out page.
import { ApiError } from '../../shared/errors';
import type { FlowSnapshot, TraceEntry } from '../../shared/flow-types';
import { randomToken } from '../../shared/pkce';
import type { ActionResult, ResultRow } from '../../shared/token-actions';
import type { AuthorizationLauncher } from '../flow/flow-engine';
import { startLoopbackListener } from '../flow/loopback-listener';
import { newResult, requireEndpoint, type ActionContext } from './action-context';

export const SIGN_OUT_WAIT_MS = 5 * 60_000;

/** An embedded window that shows the IdP's sign-out and stops at its return to `callbackUrl`. */
export interface SignOutWindowRequest {
  id: string;
  url: string;
  callbackUrl: string;
  keepCookies: boolean;
}

export interface SignOutWindowHooks {
  /** The IdP sent the window back to the callback target (the window is already closed). */
  onReturn(url: string): void;
  onClosedByUser(): void;
}

/** Optional capability of a launcher (Electron's); `close(id)` closes the window early. */
export interface SignOutWindowLauncher {
  openSignOut(request: SignOutWindowRequest, hooks: SignOutWindowHooks): Promise<void>;
}

export interface SignOutDeps {
  launcher: AuthorizationLauncher & Partial<SignOutWindowLauncher>;
  clearCookies: () => Promise<void>;
}

export interface SignOutStarted {
  trace: TraceEntry[];
  result: ActionResult;
  /** Loopback and embedded-window modes: settles when the IdP sends the browser back (or after SIGN_OUT_WAIT_MS, on stop(), or when the window is closed). */
  returned?: Promise<{ trace: TraceEntry[]; result: ActionResult }>;
  /** Stops waiting (the app shuts down): the listener or window closes and `returned` settles. */
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
  // The IdP's return, caught by the listener or the window: the state it carries is the verdict.
  const judgeReturn = (url: string, source: 'loopback' | 'embedded') => {
    const back = new URL(url).searchParams.get('state');
    const at = http.now();
    const matches = back === state;
    const catcher = source === 'loopback' ? 'the browser back to the loopback listener' : 'the embedded window back to the Callback URL';
    settle?.({
      trace: [{ kind: 'redirect', at: at.toISOString(), url, source, params: Object.fromEntries(new URL(url).searchParams) }],
      result: newResult('sign-out', title, at, {
        outcome: matches ? 'ok' : 'warning',
        summary: matches ? `Signed out: the IdP ended the session and sent ${catcher} with the same state.` : `The IdP came back, but with ${back === null ? 'no state' : 'a different state'} (RP-Initiated Logout 1.0 section 3 says it must return the state sent).`,
        rows: [...rows, { name: 'Returned to', value: url.split(/[?#]/)[0] ?? url, verdict: 'ok' }, { name: 'state', value: matches ? 'matches' : `sent ${state}, got ${back ?? 'none'}`, verdict: matches ? 'ok' : 'bad' }],
      }),
    });
  };
  let listener: Awaited<ReturnType<typeof startLoopbackListener>> | undefined;
  const inWindow = flow.mode === 'embedded' && deps.launcher.openedBy === 'app' && deps.launcher.openSignOut !== undefined;
  if (flow.mode === 'browser-loopback') {
    listener = await startLoopbackListener({
      callbackUrl: settings.callbackUrl.trim(),
      expects: 'post-logout',
      onCallback: async (url) => {
        judgeReturn(url, 'loopback');
        return { accepted: true };
      },
    });
    endpoint.searchParams.set('post_logout_redirect_uri', listener.redirectUri);
  } else if (inWindow) {
    endpoint.searchParams.set('post_logout_redirect_uri', flow.redirectUri);
  } else {
    rows.push({ name: 'post_logout_redirect_uri', value: `not sent: ${flow.mode === 'embedded' ? 'no embedded window here catches the return (browser mode)' : 'in custom-scheme mode nothing can catch the return'}, so the IdP shows its own page`, verdict: 'info' });
  }
  const returnTo = listener?.redirectUri ?? (inWindow ? flow.redirectUri : undefined);
  endpoint.searchParams.set('state', state);
  const url = endpoint.toString();
  const at = http.now();
  const trace: TraceEntry[] = [{ kind: 'action_request', at: at.toISOString(), action: 'sign-out', url, method: 'GET', headers: {}, body: '', bodyParams: [], clientAuth: 'none', clientId: settings.clientId }];

  const clearCookies = async (): Promise<ResultRow> => {
    try {
      await deps.clearCookies();
      return { name: 'Embedded window cookies', value: 'cleared', verdict: 'ok' };
    } catch {
      return { name: 'Embedded window cookies', value: 'none here (browser mode keeps no IdP cookies)', verdict: 'info' };
    }
  };
  // The sign-out window must show the IdP its session cookie (kept cookies live in its session):
  // they are cleared once it is done, otherwise right away.
  if (!inWindow) rows.push(await clearCookies());
  let openUrl: string | undefined;
  const windowId = `sign-out-${state}`;
  let windowOpen = false;
  if (deps.launcher.openedBy === 'renderer') openUrl = url;
  else {
    try {
      if (inWindow) {
        windowOpen = true;
        await deps.launcher.openSignOut!(
          { id: windowId, url, callbackUrl: flow.redirectUri, keepCookies: settings.keepCookies },
          {
            onReturn: (back) => {
              windowOpen = false;
              judgeReturn(back, 'embedded');
            },
            onClosedByUser: () => {
              windowOpen = false;
              giveUp('The sign-out window was closed before the IdP sent it back');
            },
          },
        );
      } else await deps.launcher.open({ flowId: windowId, url, mode: flow.mode, redirectUri: listener?.redirectUri ?? flow.redirectUri, keepCookies: settings.keepCookies });
    } catch (err) {
      windowOpen = false;
      await listener?.close();
      if (inWindow) await clearCookies();
      throw new ApiError('internal', `The IdP's sign-out page could not be opened: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const opened = openUrl ? 'Open the IdP’s sign-out page (a new tab)' : 'The IdP’s sign-out page was opened';
  const result = newResult('sign-out', title, at, {
    outcome: returnTo ? 'pending' : 'ok',
    summary: returnTo ? `${opened}; waiting for it to send ${inWindow ? 'the window' : 'the browser'} back to ${returnTo}.` : `${opened}.`,
    rows: [...rows, { name: 'end_session_endpoint', value: endpoint.origin + endpoint.pathname }],
    ...(openUrl ? { openUrl } : {}),
  });
  if (!returnTo) return { trace, result };

  const timer = setTimeout(() => giveUp(`The IdP did not send ${inWindow ? 'the window' : 'the browser'} back within 5 minutes (is the post_logout_redirect_uri registered?)`), SIGN_OUT_WAIT_MS);
  timer.unref();
  const closing = listener;
  return {
    trace,
    result,
    returned: returned
      .finally(() => {
        clearTimeout(timer);
        void closing?.close();
        if (windowOpen) deps.launcher.close(windowId);
      })
      .then(async (settled) => (inWindow ? { ...settled, result: { ...settled.result, rows: [...settled.result.rows, await clearCookies()] } } : settled)),
    stop: () => giveUp(`The app stopped waiting for the IdP to send ${inWindow ? 'the window' : 'the browser'} back`),
  };

  function giveUp(why: string): void {
    settle?.({ trace: [{ kind: 'note', at: http.now().toISOString(), level: 'warning', message: `${why}; the ${listener ? 'listener' : 'window'} was closed.` }], result: newResult('sign-out', title, http.now(), { outcome: 'failed', summary: `${why}.`, rows }) });
  }
}
