// Opens a URL in the user's default browser without a shell (the URL is one argument, never parsed
// by cmd or sh). A failure is reported, not thrown: the URL is printed anyway, to open by hand.
import { spawn } from 'node:child_process';

export function openInBrowser(url: string, onError: (message: string) => void, platform: NodeJS.Platform = process.platform): void {
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.on('error', (err) => onError(`${command} could not be started (${err.message})`));
    child.unref();
  } catch (err) {
    onError(`${command} could not be started (${err instanceof Error ? err.message : String(err)})`);
  }
}
