// What to tell the user when the OS keychain cannot be used: what went wrong and how to fix it on
// their platform. Never includes a secret: callers pass only the library's error.

export function keychainFix(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock the login keychain (Keychain Access → File → Unlock Keychain "login") and allow PKCE Inspector access when macOS asks.';
    case 'win32':
      return 'Windows Credential Manager must be available to your user account; sign in with a normal (not a service or guest) account.';
    default:
      return (
        'On Linux, install libsecret-1-0 and run a Secret Service provider such as gnome-keyring or KWallet, and unlock the login keyring ' +
        '(desktops do this at login; on a headless machine run e.g. `dbus-run-session -- sh -c "echo -n PASSWORD | gnome-keyring-daemon --unlock --components=secrets; <command>"`).'
      );
  }
}

/** The cause in words: keytar's message, with the secret removed should it ever appear. */
export function describeCause(error: unknown, secrets: readonly string[] = []): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) if (secret) message = message.split(secret).join('[redacted]');
  return message.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}

export function keychainUnavailableMessage(action: string, cause: string, platform: NodeJS.Platform = process.platform): string {
  return `The OS keychain could not ${action} (${cause}). ${keychainFix(platform)} Until then, enter the client secret for one flow only; it is then kept in memory and forgotten.`;
}
