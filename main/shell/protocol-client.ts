// How to register the app as the handler of its scheme. A packaged app registers itself; in dev the
// executable is Electron, so on Windows the OS must be told to run Electron with our script, or a
// click on a link would open a bare Electron (Electron's deep-link tutorial, `process.defaultApp`).
import { resolve } from 'node:path';

export interface ProtocolClientRegistration {
  scheme: string;
  path?: string;
  args?: string[];
}

export function protocolClientRegistration(scheme: string, proc: { defaultApp?: boolean; execPath: string; argv: readonly string[] }): ProtocolClientRegistration {
  const script = proc.argv[1];
  if (proc.defaultApp && script !== undefined) return { scheme, path: proc.execPath, args: [resolve(script)] };
  return { scheme };
}
