// `npm run web` options. The default data folder is the one the desktop app uses (Electron's
// `userData` for productName "PKCE Inspector"), so both modes see the same saved profiles.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const APP_FOLDER_NAME = 'PKCE Inspector';
/** The start line's prefix; exactly one such line is printed, and scripts and tests look for it. */
export const URL_LINE_PREFIX = 'PKCE Inspector: ';

export interface WebCliOptions {
  port: number;
  dataDir: string;
}

export type ParsedCli = { kind: 'run'; options: WebCliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const USAGE = `Usage: npm run web -- [--port <n>] [--data-dir <folder>]

Runs PKCE Inspector in your browser, served on 127.0.0.1 only.

  --port <n>           Port to listen on; 0 (the default) picks a free one.
  --data-dir <folder>  Where profiles are kept. Default: the desktop app's folder
                       (Linux ~/.config/PKCE Inspector, macOS ~/Library/Application Support/PKCE Inspector,
                       Windows %APPDATA%\\PKCE Inspector), so both modes share profiles.
  -h, --help           Show this help.

Open the printed URL: its #fragment carries this run's access token (new on every start).`;

/** Electron's `appData` per OS, joined with the product name, as `app.getPath('userData')` would be. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}

export function parseWebCli(argv: string[], defaults: { dataDir: string } = { dataDir: defaultDataDir() }): ParsedCli {
  let values: { port?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { kind: 'help' };
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65_535) return { kind: 'error', message: `--port must be a whole number from 0 to 65535, not "${values.port}".` };
  const dataDir = values['data-dir'] ?? defaults.dataDir;
  if (dataDir.trim() === '') return { kind: 'error', message: '--data-dir must not be empty.' };
  return { kind: 'run', options: { port, dataDir } };
}
