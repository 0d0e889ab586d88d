// Words the embedded window shows. Pure.

export const AUTH_WINDOW_TITLE = 'PKCE Inspector — sign-in (embedded window)';

export const SIGN_OUT_WINDOW_TITLE = 'PKCE Inspector — sign-out (embedded window)';

/** The window title with the host being shown, since the window has no address bar. */
export function authWindowTitle(url: string, kind: 'sign-in' | 'sign-out' = 'sign-in'): string {
  const base = kind === 'sign-out' ? SIGN_OUT_WINDOW_TITLE : AUTH_WINDOW_TITLE;
  try {
    const { protocol, host } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? `${base} — ${protocol === 'http:' ? 'http://' : ''}${host}` : base;
  } catch {
    return base;
  }
}

/** A static page (no script) explaining why the callback did not end the flow. */
export function refusedCallbackPage(reason: string): string {
  const html = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Callback refused</title><body style="font:14px system-ui;margin:2em;max-width:40em"><h1 style="font-size:18px">The callback was refused</h1><p>${escapeHtml(reason)}</p><p>Close this window and start the flow again from PKCE Inspector.</p></body>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
