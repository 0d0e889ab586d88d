// `pkce-inspector` / `npm run cli --` arguments: two commands (`profiles`, `run`) and their options.
// Parsing only: what is wrong is said in words, with exit code 2 by the caller.
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../web/cli-options';

export const OUTPUTS = ['json', 'env', 'access-token'] as const;
export type RunOutput = (typeof OUTPUTS)[number];
export const DEFAULT_TIMEOUT_SECONDS = 300;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'profiles'; dataDir: string; output: 'text' | 'json' }
  | { kind: 'run'; dataDir: string; profile: string; output: RunOutput; timeoutSeconds: number; open: boolean }
  | { kind: 'error'; message: string };

export const USAGE = `Usage: pkce-inspector <command> [options]      (from a checkout: npm run cli -- <command> [options])

Runs the saved profiles of PKCE Inspector from a terminal: the same profiles, data folder and keychain
entries as the desktop app and browser mode.

Commands:
  profiles                    List the saved profiles: name, id, and whether a client secret is stored.
  run --profile <name or id>  Run the profile's Authorization Code + PKCE flow: sign in in the system
                              browser, the redirect comes back to a loopback listener, and the token
                              response is printed on stdout. Progress and errors go to stderr.

Options:
  --data-dir <folder>         Where profiles are kept. Default: the desktop app's folder
                              (Linux ~/.config/PKCE Inspector, macOS ~/Library/Application Support/PKCE Inspector,
                              Windows %APPDATA%\\PKCE Inspector).
  --output <format>           run: json (the token response, default), env (ACCESS_TOKEN=…, ID_TOKEN=…,
                              REFRESH_TOKEN=… lines, shell-quoted, for eval), access-token (just the token).
                              profiles: text (default) or json.
  --timeout <seconds>         run: how long to wait for the sign-in (default ${DEFAULT_TIMEOUT_SECONDS}).
  --no-open                   run: print the authorization URL instead of opening a browser (SSH sessions);
                              the loopback listener still needs the browser on this machine, or a tunnel.
  -h, --help                  Show this help.

Exit codes: 0 tokens received; 2 bad arguments or unknown profile; 3 the IdP refused (its error on
stderr); 4 timeout or cancelled; 5 network failure.

Example:  eval "$(pkce-inspector run --profile 'Local demo IdP' --output env)" && echo "$ACCESS_TOKEN"`;

export function parseCli(argv: string[], defaults: { dataDir: string } = { dataDir: defaultDataDir() }): CliCommand {
  let values: { 'data-dir'?: string; profile?: string; output?: string; timeout?: string; 'no-open'?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        profile: { type: 'string', short: 'p' },
        output: { type: 'string', short: 'o' },
        timeout: { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command === undefined) return { kind: 'error', message: 'Name a command: profiles or run.' };
  if (extra.length > 0) return { kind: 'error', message: `Unexpected argument "${extra[0]}".` };
  const dataDir = values['data-dir'] ?? defaults.dataDir;
  if (dataDir.trim() === '') return { kind: 'error', message: '--data-dir must not be empty.' };

  if (command === 'profiles') {
    for (const option of ['profile', 'timeout', 'no-open'] as const) if (values[option] !== undefined) return { kind: 'error', message: `--${option} belongs to the run command.` };
    const output = values.output ?? 'text';
    if (output !== 'text' && output !== 'json') return { kind: 'error', message: `--output for profiles is text or json, not "${output}".` };
    return { kind: 'profiles', dataDir, output };
  }
  if (command !== 'run') return { kind: 'error', message: `Unknown command "${command}": use profiles or run.` };
  const profile = values.profile?.trim();
  if (!profile) return { kind: 'error', message: 'run needs --profile <name or id> (list them with: pkce-inspector profiles).' };
  const output = values.output ?? 'json';
  if (!(OUTPUTS as readonly string[]).includes(output)) return { kind: 'error', message: `--output is one of ${OUTPUTS.join(', ')}, not "${output}".` };
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!/^\d+$/.test(values.timeout ?? '1') || !Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 86_400) {
    return { kind: 'error', message: `--timeout is a whole number of seconds from 1 to 86400, not "${values.timeout}".` };
  }
  return { kind: 'run', dataDir, profile, output: output as RunOutput, timeoutSeconds, open: !values['no-open'] };
}
