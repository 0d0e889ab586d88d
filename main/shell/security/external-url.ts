// Which links may be handed to the system browser: http and https only. `shell.openExternal` with
// another scheme (file:, smb:, ms-msdt:, a custom handler) can run programs on the user's machine.

export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
