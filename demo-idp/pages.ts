// The demo IdP's login and consent pages: plain HTML forms with labelled fields, so they work in any
// browser (and the embedded window), over plain HTTP, and are found by label in end-to-end tests.

export interface LoginPageInput {
  action: string;
  clientName: string;
  /** Shown above the form after a failed attempt. */
  error?: string;
  /** Kept in the field after a failed attempt. */
  login?: string;
}

export interface ConsentPageInput {
  confirmAction: string;
  denyAction: string;
  clientName: string;
  accountLabel: string;
  scopes: string[];
  claims: string[];
  /** Scopes asked for at resource servers (RFC 8707), by resource indicator. */
  resourceScopes: [string, string[]][];
  redirectUri: string;
  offlineAccess: boolean;
}

export function loginPage(input: LoginPageInput): string {
  const error = input.error ? `<p role="alert" class="error">${escapeHtml(input.error)}</p>` : '';
  return layout(
    'Sign in',
    `<h1>Sign in to the PKCE Inspector demo IdP</h1>
<p><strong>${escapeHtml(input.clientName)}</strong> asks you to sign in. Demo account: <code>demo</code> / <code>demo</code>.</p>
${error}
<form method="post" action="${escapeHtml(input.action)}" autocomplete="off">
  <label for="login">Username</label>
  <input id="login" name="login" type="text" autocomplete="username" required autofocus value="${escapeHtml(input.login ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>`,
  );
}

export function consentPage(input: ConsentPageInput): string {
  const items = [
    ...input.scopes.map((s) => `<li>scope <code>${escapeHtml(s)}</code></li>`),
    ...input.claims.map((c) => `<li>claim <code>${escapeHtml(c)}</code></li>`),
    ...input.resourceScopes.map(([resource, scopes]) => `<li>at <code>${escapeHtml(resource)}</code>: ${scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}</li>`),
  ];
  const offline = input.offlineAccess ? '<p>It also asks for <strong>offline access</strong> (a refresh token).</p>' : '';
  return layout(
    'Authorize',
    `<h1>Authorize ${escapeHtml(input.clientName)}</h1>
<p>Signed in as <strong>${escapeHtml(input.accountLabel)}</strong>. The application asks for:</p>
<ul>${items.join('') || '<li>confirmation of an earlier authorization</li>'}</ul>
${offline}
<p>You will be sent back to <code>${escapeHtml(input.redirectUri)}</code>.</p>
<form method="post" action="${escapeHtml(input.confirmAction)}"><button type="submit">Allow</button></form>
<form method="post" action="${escapeHtml(input.denyAction)}"><button type="submit">Deny</button></form>`,
  );
}

/** RP-Initiated Logout: oidc-provider's form (hidden xsrf) with the question and its two answers. */
export function logoutPage(formHtml: string): string {
  return layout(
    'Sign out',
    `<h1>Sign out of the demo IdP?</h1>${formHtml}<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

/** After a sign-out with no post_logout_redirect_uri to go back to. */
export function signedOutPage(): string {
  return layout('Signed out', '<h1>Signed out</h1><p>You are signed out of the demo IdP. You can close this window.</p>');
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>`);
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - PKCE Inspector demo IdP</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1b1f24; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
  button { margin-top: 1.25rem; padding: .5rem 1.25rem; font-size: 1rem; }
  form { display: inline-block; margin-right: .5rem; }
  form:has(input) { display: block; }
  .error { color: #a40e26; font-weight: 600; }
  code { background: #f0f2f4; padding: 0 .25rem; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
