// A refresh token whenever offline_access is asked for and the user consents. OIDC Core 11 wants
// consent obtained for offline access, and oidc-provider drops offline_access from any request without
// prompt=consent, silently: a user trying the demo IdP by hand asks for offline_access, gets no refresh
// token and no reason. So the demo IdP adds `consent` to such a request's prompt itself: its consent
// page then says a refresh token is asked for, and allowing it grants one.
// Only query-string authorization requests (what browsers send, and this app); prompt=none is left
// alone (it excludes any other prompt value, and without a prompt there is no consent).

export function withConsentForOfflineAccess(query: string): string {
  const params = new URLSearchParams(query);
  const scopes = params.getAll('scope').flatMap((s) => s.split(' '));
  // A repeated prompt is the provider's to refuse, unchanged.
  if (!scopes.includes('offline_access') || params.getAll('prompt').length > 1) return query;
  const prompt = (params.get('prompt') ?? '').split(' ').filter(Boolean);
  if (prompt.includes('consent') || prompt.includes('none')) return query;
  params.set('prompt', [...prompt, 'consent'].join(' '));
  return params.toString();
}
