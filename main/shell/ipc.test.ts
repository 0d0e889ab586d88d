import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type ApiHandlers } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { PRODUCTION_ORIGIN, originOf, rendererEntry } from './app-origin';
import { createIpcInvoker } from './ipc-invoker';
import { isTrustedSender, type FrameLike } from './ipc-sender';

function recordingHandlers() {
  const calls: { method: string; input: unknown }[] = [];
  const handlers = Object.fromEntries(METHOD_NAMES.map((method) => [method, async (input: unknown) => { calls.push({ method, input }); return { handled: method }; }])) as unknown as ApiHandlers;
  return { handlers, calls };
}

const mainFrame: FrameLike = { url: `${PRODUCTION_ORIGIN}/index.html`, processId: 4, routingId: 1, parent: null };

describe('isTrustedSender', () => {
  it('accepts the main window top frame on the app origin', () => {
    expect(isTrustedSender({ ...mainFrame }, mainFrame, PRODUCTION_ORIGIN)).toBe(true);
    expect(isTrustedSender({ ...mainFrame, url: `${PRODUCTION_ORIGIN}/index.html#/tokens` }, mainFrame, PRODUCTION_ORIGIN)).toBe(true);
  });

  it('refuses a missing or destroyed frame', () => {
    expect(isTrustedSender(null, mainFrame, PRODUCTION_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, mainFrame, PRODUCTION_ORIGIN)).toBe(false);
    expect(isTrustedSender(mainFrame, null, PRODUCTION_ORIGIN)).toBe(false);
  });

  it('refuses another frame: an iframe, another window, another process', () => {
    expect(isTrustedSender({ ...mainFrame, parent: mainFrame }, mainFrame, PRODUCTION_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, routingId: 2 }, mainFrame, PRODUCTION_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, processId: 9 }, mainFrame, PRODUCTION_ORIGIN)).toBe(false);
  });

  it('refuses the main frame once it shows a foreign page', () => {
    for (const url of ['https://evil.example/', 'app://pkce-inspector.evil/index.html', 'file:///tmp/index.html', 'http://localhost:5173/', 'about:blank', '']) {
      expect(isTrustedSender({ ...mainFrame, url }, { ...mainFrame, url }, PRODUCTION_ORIGIN), url).toBe(false);
    }
  });

  it('in dev trusts the dev server origin only, port included', () => {
    const dev = rendererEntry('http://localhost:5173/');
    const frame = { ...mainFrame, url: 'http://localhost:5173/' };
    expect(isTrustedSender(frame, frame, dev.origin)).toBe(true);
    const otherPort = { ...mainFrame, url: 'http://localhost:5174/' };
    expect(isTrustedSender(otherPort, otherPort, dev.origin)).toBe(false);
  });
});

describe('rendererEntry and originOf', () => {
  it('loads the privileged app protocol in production', () => {
    expect(rendererEntry(undefined)).toEqual({ url: 'app://pkce-inspector/index.html', origin: 'app://pkce-inspector', dev: false });
  });
  it('loads the dev server in dev and refuses a non-http dev URL', () => {
    expect(rendererEntry('http://localhost:5173')).toEqual({ url: 'http://localhost:5173/', origin: 'http://localhost:5173', dev: true });
    expect(() => rendererEntry('file:///tmp/index.html')).toThrow(/http/);
  });
  it('gives custom schemes a real origin', () => {
    expect(originOf('app://pkce-inspector/assets/x.js')).toBe('app://pkce-inspector');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('::')).toBeNull();
  });
});

describe('createIpcInvoker', () => {
  it('answers a foreign sender with forbidden and never calls the handler', async () => {
    const { handlers, calls } = recordingHandlers();
    const result = await createIpcInvoker(handlers)('listFlows', false, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('calls the handler with the validated input', async () => {
    const { handlers, calls } = recordingHandlers();
    expect(await createIpcInvoker(handlers)('cancelFlow', true, { flowId: 'f1' })).toEqual({ ok: true, value: { handled: 'cancelFlow' } });
    expect(await createIpcInvoker(handlers)('getAppInfo', true, undefined)).toEqual({ ok: true, value: { handled: 'getAppInfo' } });
    expect(calls).toEqual([{ method: 'cancelFlow', input: { flowId: 'f1' } }, { method: 'getAppInfo', input: {} }]);
  });

  it('turns bad payloads into a clear invalid_input error without calling the handler', async () => {
    const { handlers, calls } = recordingHandlers();
    const invoke = createIpcInvoker(handlers);
    for (const bad of [{ flowId: 5 }, {}, 'f1', [1, 2], { flowId: 'f1', extra: true }, { flowId: 'x'.repeat(500) }]) {
      const result = await invoke('cancelFlow', true, bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toMatch(/^Invalid input for cancelFlow: /);
      }
    }
    const result = await invoke('setClientSecret', true, { profileId: 'p', secret: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ field: 'secret' }] } });
    expect(calls).toEqual([]);
  });

  it('passes typed errors through and reports unexpected ones', async () => {
    const { handlers } = recordingHandlers();
    handlers.getProfile = async () => { throw new ApiError('not_found', 'No such profile.'); };
    handlers.listFlows = async () => { throw new TypeError('boom'); };
    const onInternalError = vi.fn();
    const invoke = createIpcInvoker(handlers, onInternalError);
    expect(await invoke('getProfile', true, { id: 'p' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No such profile.' } });
    expect(await invoke('listFlows', true, {})).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(onInternalError).toHaveBeenCalledWith('listFlows', expect.any(TypeError));
  });
});
