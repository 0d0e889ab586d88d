// The common half of the leak tests (client secrets, signing keys, client certificates): an app core
// whose every contract result and event is recorded, everything written to the console and the
// standard streams kept, and the search of every place a secret could end up for the test's needles.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { loginOverHttp, type HttpLoginOptions } from '../../demo-idp/http-login';
import type { ApiResult, MethodName } from '../../shared/contract';
import { dispatch } from '../../shared/contract-dispatch';
import { buildCurlCommand } from '../../shared/curl';
import type { FlowSnapshot } from '../../shared/flow-types';
import { createAppCore, type AppCore } from '../api/create-app-core';
import { RecordingLauncher } from '../flow/test-support/recording-launcher';
import { createMemoryKeyStore, type KeyStore } from '../keys/key-store';
import { createMemorySecretStore } from '../store/secret-store';

/** Keeps every console line and every write to stdout/stderr (still written); vi.restoreAllMocks() ends it. */
export function captureOutput(): string[] {
  const output: string[] = [];
  const keep = (...args: unknown[]) => void output.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a, Object.getOwnPropertyNames(a ?? {})))).join(' '));
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, level).mockImplementation(keep);
  for (const stream of [process.stdout, process.stderr]) {
    const real = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => (output.push(String(chunk)), real(chunk, ...(rest as []))));
  }
  return output;
}

export interface RecordingCore {
  core: AppCore;
  /** Every contract result and event, in order. */
  crossed: unknown[];
  /** As the hosts do: every call through dispatch, internal errors logged. */
  call: <M extends MethodName>(method: M, input: unknown) => Promise<ApiResult<never>>;
  /** The value of a result that must have succeeded. */
  value: <T>(result: ApiResult<unknown>) => T;
}

/** A web-runtime app core on `dataDir` with in-memory secret and key stores. */
export function recordingCore(dataDir: string, keyStore: KeyStore = createMemoryKeyStore()): RecordingCore {
  const crossed: unknown[] = [];
  const core = createAppCore({ dataDir, launcher: new RecordingLauncher(), runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore });
  core.subscribe((event, payload) => crossed.push({ event, payload }));
  const call = async <M extends MethodName>(method: M, input: unknown) => {
    const result = (await dispatch(core.handlers, method, input, (err) => console.error('internal error', err))) as ApiResult<never>;
    crossed.push({ method, result });
    return result;
  };
  const value = <T>(r: ApiResult<unknown>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  return { core, crossed, call, value };
}

/** Signs in at the IdP over HTTP for a started flow, follows the redirect to the app, and waits for the flow to end. */
export async function completeFlow(core: AppCore, started: FlowSnapshot, idp: { issuer: string; user: { login: string; password: string } }, login: HttpLoginOptions = {}): Promise<FlowSnapshot> {
  const redirect = await loginOverHttp(started.authorizationUrl, { login: idp.user.login, password: idp.user.password, isFinalRedirect: (u) => !u.startsWith(idp.issuer), ...login });
  await fetch(redirect).then((r) => r.text());
  await vi.waitFor(() => expect(core.engine.get(started.flowId)?.status).toMatch(/done|failed/), { timeout: 10_000 });
  return core.engine.get(started.flowId)!;
}

/** The curl command of every request in the flows' traces (token requests and token actions). */
export const curlsOf = (flows: FlowSnapshot[]): string[] =>
  flows.flatMap((f) => f.trace.flatMap((t) => (t.kind === 'token_request' || t.kind === 'action_request' ? [JSON.stringify(buildCurlCommand(t))] : [])));

/** Where a secret could end up, each named: every file of the data folder (there must be some), the profile export, each trace export and curl command, the contract, the output. */
export async function leakHaystacks(where: { dataDir: string; exportedJson: string; flows: FlowSnapshot[]; crossed: unknown[]; output: string[] }): Promise<Array<[string, string]>> {
  const entries = await fs.readdir(where.dataDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  expect(files.length).toBeGreaterThan(0);
  return [
    ...(await Promise.all(files.map(async (f): Promise<[string, string]> => [`file ${path.relative(where.dataDir, f)}`, await fs.readFile(f, 'latin1')]))),
    ['profile export', where.exportedJson],
    ...where.flows.map((f, i): [string, string] => [`trace export ${i}`, JSON.stringify(f, null, 2)]),
    ...curlsOf(where.flows).map((c, i): [string, string] => [`curl ${i}`, c]),
    ['contract results and events', JSON.stringify(where.crossed)],
    ['console', where.output.join('\n')],
  ];
}

/** Fails, naming the place and the needle's first characters, if any needle is in any haystack. */
export function expectNoNeedles(haystacks: Array<[string, string]>, needles: string[], what: string, shown = 6): void {
  for (const [where, text] of haystacks) {
    for (const needle of needles) expect(text.includes(needle), `${where} contains ${what} (${needle.slice(0, shown)}…)`).toBe(false);
  }
}
