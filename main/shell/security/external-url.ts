// Which links may be handed to the system browser: http and https only. `shell.openExternal` with
// another scheme (file:, smb:, ms-msdt:, a custom handler) can run programs on the user's machine.
// The OS gets the parsed URL's `href`, exactly what was checked, never the raw string (whose
// whitespace, backslashes or odd encodings another parser could read differently).

/** The normalised `href` of an http(s) URL without credentials, or null. */
export function safeExternalHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    const ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && url.username === '' && url.password === '';
    return ok ? url.href : null;
  } catch {
    return null;
  }
}

export function isSafeExternalUrl(raw: string): boolean {
  return safeExternalHref(raw) !== null;
}
