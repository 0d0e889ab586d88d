// The two commands over the app's own core (createAppCore): the same profile store, keychain entries,
// settings checks and flow engine as the desktop app, with a launcher that opens the system browser
// (or prints the URL) and the loopback listener receiving the redirect.
import type { FlowSnapshot } from '../../shared/flow-types';
import { ApiError } from '../../shared/errors';
import { FINAL_FLOW_STATUSES } from '../../shared/flow-types';
import type { ProfileSummary } from '../../shared/profile-types';
import { isLoopbackHost } from '../../shared/settings-validation';
import { createAppCore } from '../api/create-app-core';
import type { AuthorizationLauncher } from '../flow/flow-engine';
import type { SecretStore } from '../store/secret-store';
import type { CliCommand } from './cli-args';
import { describeFailure, EXIT, exitCodeFor, formatTokens } from './output';
import { openInBrowser } from './open-browser';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the user asks to stop (Ctrl+C). */
  interrupted: Promise<void>;
  version: string;
  /** Tests substitute a memory store; by default the OS keychain, as in the app. */
  secretStore?: SecretStore;
  openBrowser?: (url: string, onError: (message: string) => void) => void;
}

type Core = ReturnType<typeof createAppCore>;

export async function listProfiles(command: Extract<CliCommand, { kind: 'profiles' }>, io: CliIo): Promise<number> {
  const core = makeCore(command.dataDir, io, { openedBy: 'app', open: async () => {}, close: () => {} });
  try {
    const { profiles, notices } = await core.handlers.listProfiles({});
    for (const notice of notices) io.err(`${notice}\n`);
    if (command.output === 'json') io.out(`${JSON.stringify(profiles, null, 2)}\n`);
    else if (profiles.length === 0) io.err(`No saved profiles in ${command.dataDir}.\n`);
    else for (const p of profiles) io.out(`${p.name}\t${p.id}\t${p.hasSecret ? 'client secret in keychain' : 'no client secret'}\n`);
    return EXIT.ok;
  } finally {
    await core.dispose();
  }
}

export async function runProfile(command: Extract<CliCommand, { kind: 'run' }>, io: CliIo): Promise<number> {
  const open = io.openBrowser ?? openInBrowser;
  const launcher: AuthorizationLauncher = {
    openedBy: 'app',
    async open({ url }) {
      if (!command.open) return io.err(`Open this URL in a browser on this machine to sign in:\n${url}\n`);
      io.err(`Opening the system browser to sign in. If it does not open, go to:\n${url}\n`);
      open(url, (message) => io.err(`The browser could not be opened: ${message}. Open the URL above yourself.\n`));
    },
    close() {},
  };
  const core = makeCore(command.dataDir, io, launcher, command.timeoutSeconds * 1000);
  try {
    const { profiles, notices } = await core.handlers.listProfiles({});
    const found = findProfile(profiles, command.profile);
    if ('error' in found) {
      io.err(`${found.error}\n`);
      return EXIT.usage;
    }
    const profile = await core.handlers.getProfile({ id: found.profile.id });
    // Nobody at the command line can press Exchange: pause mode is the app's.
    const settings = { ...profile.settings, pauseBeforeTokenRequest: false };
    if (settings.authorizeMode !== 'browser-loopback') {
      if (!isLoopbackCallback(settings.callbackUrl)) {
        io.err(`"${profile.name}" redirects to ${settings.callbackUrl}, which needs the desktop app (embedded window or custom scheme). The command line uses a loopback Callback URL such as http://127.0.0.1/callback.\n`);
        return EXIT.usage;
      }
      settings.authorizeMode = 'browser-loopback';
    }
    for (const notice of notices) io.err(`${notice}\n`);
    const auth = settings.clientAuthentication === 'private_key_jwt' ? 'private_key_jwt with the signing key from the keychain' : found.profile.hasSecret ? 'client secret from the keychain' : 'public client (no client secret stored)';
    io.err(`Profile "${profile.name}" (${profile.id}): client ${settings.clientId || '(none)'}, ${auth}.\n`);

    let flow: FlowSnapshot;
    try {
      flow = await core.handlers.startFlow({ settings, profileId: profile.id, clientSecret: found.profile.hasSecret ? { source: 'stored' } : { source: 'none' } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      io.err(`The flow cannot start: ${e.fields && e.fields.length > 0 ? e.fields.map((f) => `\n  ${f.field}: ${f.message}`).join('') : e.message}\n`);
      return EXIT.usage;
    }
    io.err(`Waiting for the sign-in (up to ${command.timeoutSeconds} s; Ctrl+C cancels)…\n`);
    const final = await untilFinished(core, flow.flowId, io);
    if (final.status === 'done' && final.tokens) {
      io.err('Tokens received.\n');
      io.out(formatTokens(final.tokens, command.output));
      return EXIT.ok;
    }
    const error = final.error ?? { kind: 'cancelled' as const, message: 'The flow ended without tokens.' };
    io.err(`${describeFailure(error)}\n`);
    return exitCodeFor(error);
  } finally {
    await core.dispose();
  }
}

function makeCore(dataDir: string, io: CliIo, launcher: AuthorizationLauncher, flowTtlMs?: number): Core {
  return createAppCore({
    dataDir,
    launcher,
    runtime: 'web',
    authorizeModes: ['browser-loopback'],
    version: io.version,
    ...(io.secretStore ? { secretStore: io.secretStore } : {}),
    ...(flowTtlMs !== undefined ? { flowTtlMs } : {}),
  });
}

/** An id, or a name (case-insensitive); a name two profiles share must be given as an id. */
export function findProfile(profiles: ProfileSummary[], wanted: string): { profile: ProfileSummary } | { error: string } {
  const byId = profiles.find((p) => p.id === wanted);
  if (byId) return { profile: byId };
  const byName = profiles.filter((p) => p.name.toLowerCase() === wanted.toLowerCase());
  if (byName.length === 1) return { profile: byName[0]! };
  if (byName.length > 1) return { error: `${byName.length} profiles are named "${wanted}": give one's id instead (${byName.map((p) => p.id).join(', ')}).` };
  const names = profiles.map((p) => `"${p.name}"`).join(', ');
  return { error: `No profile named or with the id "${wanted}". ${profiles.length > 0 ? `Saved profiles: ${names}.` : 'There are no saved profiles in this data folder.'}` };
}

function isLoopbackCallback(url: string): boolean {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

/** Follows the flow's updates to its end, printing its steps; Ctrl+C cancels it. */
function untilFinished(core: Core, flowId: string, io: CliIo): Promise<FlowSnapshot> {
  return new Promise((resolve) => {
    let lastStatus = '';
    const unsubscribe = core.subscribe((event, payload) => {
      if (event === 'notice') return void io.err(`${(payload as { message: string }).message}\n`);
      const snapshot = payload as FlowSnapshot;
      if (event !== 'flowUpdated' || snapshot.flowId !== flowId || snapshot.status === lastStatus) return;
      lastStatus = snapshot.status;
      if (snapshot.status === 'exchanging') io.err('Redirect received; exchanging the code for tokens…\n');
      if (FINAL_FLOW_STATUSES.includes(snapshot.status)) {
        unsubscribe();
        resolve(snapshot);
      }
    });
    void io.interrupted.then(() => {
      try {
        core.engine.cancel(flowId, 'Cancelled from the terminal (Ctrl+C) before the IdP redirected back.');
      } catch {
        // Already finished.
      }
    });
    // The flow may have ended before we subscribed (a launcher failure).
    const now = core.engine.get(flowId);
    if (now && FINAL_FLOW_STATUSES.includes(now.status)) {
      unsubscribe();
      resolve(now);
    }
  });
}
