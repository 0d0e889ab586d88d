// The page the loopback listener shows in the browser tab after the IdP redirects back. Self-contained
// (no scripts, images or fonts: nothing may leak the URL, which carries the code, via Referer or a
// request) and never echoes the code or tokens; only the IdP's own error text, HTML-escaped.

export const CALLBACK_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export type CallbackPage =
  | { kind: 'received' }
  | { kind: 'idp_error'; error: string; description?: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'signed_out' };

export function renderCallbackPage(page: CallbackPage): string {
  switch (page.kind) {
    case 'received':
      return layout('Sign-in received', '<p>PKCE Inspector received the sign-in response. You can close this tab and return to the app.</p>');
    case 'signed_out':
      return layout('Signed out', '<p>The identity provider signed you out and sent you back to PKCE Inspector. You can close this tab and return to the app.</p>');
    case 'idp_error':
      return layout(
        'The identity provider returned an error',
        `<p><code>${escapeHtml(page.error)}</code></p>${page.description ? `<p>${escapeHtml(page.description)}</p>` : ''}<p>The details are in PKCE Inspector. You can close this tab.</p>`,
      );
    case 'refused':
      return layout('This response was not accepted', `<p>${escapeHtml(page.reason)}</p><p>You can close this tab.</p>`);
  }
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · PKCE Inspector</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>
`;
}
