// postinstall: fetch Electron's binary where we can; where we cannot (no internet, a proxy, CI), say
// what still works and the remedy, and let `npm ci` succeed. ELECTRON_SKIP_BINARY_DOWNLOAD (which
// Electron 42+ itself no longer reads) skips the attempt, for CI machines that are known offline.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { downloadElectronBinary, electronBinaryState, electronPackageDir, missingBinaryMessage, type BinaryState, type DownloadOutcome } from './electron-binary';

export interface PostinstallDeps {
  env: NodeJS.ProcessEnv;
  state: () => BinaryState;
  download: () => Promise<DownloadOutcome>;
  log: (line: string) => void;
}

/** Always resolves 0: a missing desktop runtime must not undo the whole install. */
export async function electronPostinstall({ env, state, download, log }: PostinstallDeps): Promise<0> {
  if (state().installed) return 0;
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    log(missingBinaryMessage('not downloaded: ELECTRON_SKIP_BINARY_DOWNLOAD is set'));
    return 0;
  }
  log("PKCE Inspector: downloading Electron's binary (for the desktop app)…");
  const outcome = await download();
  const after = state();
  if (outcome.ok && after.installed) log(`PKCE Inspector: Electron's binary is installed (${after.executable}).`);
  else log(missingBinaryMessage(`download failed: ${outcome.detail ?? (after.installed ? 'unknown error' : after.reason)}`));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const electronDir = electronPackageDir(join(dirname(fileURLToPath(import.meta.url)), '..'));
  void electronPostinstall({
    env: process.env,
    state: () => electronBinaryState(electronDir),
    download: () => downloadElectronBinary(electronDir),
    log: (line) => console.log(line),
  }).then((code) => (process.exitCode = code));
}
