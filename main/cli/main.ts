// `pkce-inspector` / `npm run cli --`: runs saved profiles from a terminal. Results on stdout,
// progress and errors on stderr, and an exit code a script can act on (see USAGE).
import { readFile } from 'node:fs/promises';
import { parseCli, USAGE } from './cli-args';
import { listProfiles, runProfile, type CliIo } from './commands';
import { EXIT } from './output';

const PACKAGE_JSON = new URL('../../package.json', import.meta.url);

async function main(): Promise<number> {
  const command = parseCli(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command.kind === 'error') {
    process.stderr.write(`${command.message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { version } = JSON.parse(await readFile(PACKAGE_JSON, 'utf8')) as { version: string };
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const io: CliIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t), interrupted, version };
  return command.kind === 'profiles' ? listProfiles(command, io) : runProfile(command, io);
}

main().then(
  (code) => exit(code),
  (err: unknown) => {
    process.stderr.write(`pkce-inspector: ${err instanceof Error ? err.message : String(err)}\n`);
    exit(1);
  },
);

/** Lets stdout drain, then ends even if a native module keeps a handle open. */
function exit(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2_000).unref();
}
