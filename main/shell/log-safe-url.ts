// URLs in the log without their query or fragment: a blocked callback or redirect can carry an
// authorization code, a state or tokens, and the log must never hold them.

export function urlForLog(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return `${url.protocol}…`;
    return `${url.protocol}//${url.host}${url.pathname}${url.search || url.hash ? ' (query/fragment omitted)' : ''}`;
  } catch {
    return '(not a URL)';
  }
}
