import { describe, expect, it, vi } from 'vitest';
import { dispatch, isMethodName } from './contract-dispatch';
import { METHOD_NAMES, type ApiHandlers, type MethodName } from './contract';
import { ApiError } from './errors';

/** Every handler a spy answering `{ handled: <method>, input }`, unless one is given. */
function handlersWith(overrides: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {}) {
  const spies = Object.fromEntries(
    METHOD_NAMES.map((method) => [method, vi.fn(overrides[method] ?? (async (input: unknown) => ({ handled: method, input })))]),
  ) as Record<MethodName, ReturnType<typeof vi.fn>>;
  return { spies, handlers: spies as unknown as ApiHandlers };
}

describe('dispatch', () => {
  it('calls the handler with the parsed input (schema defaults filled in) and wraps the value', async () => {
    const { spies, handlers } = handlersWith();
    const result = await dispatch(handlers, 'startFlow', { settings: { clientId: 'c' }, profileId: null, clientSecret: { source: 'none' } });
    expect(result.ok).toBe(true);
    expect(spies.startFlow).toHaveBeenCalledTimes(1);
    const input = spies.startFlow.mock.calls[0]![0] as { settings: Record<string, unknown> };
    expect(input.settings.clientId).toBe('c');
    expect(input.settings.authorizeMode).toBe('browser-loopback'); // a default from FlowSettingsSchema
    expect(input.settings.verifierLength).toBe(64);
  });

  it('treats a missing input as {} for methods without one', async () => {
    const { spies, handlers } = handlersWith();
    expect(await dispatch(handlers, 'getAppInfo', undefined)).toEqual({ ok: true, value: { handled: 'getAppInfo', input: {} } });
    expect(await dispatch(handlers, 'listFlows', null)).toMatchObject({ ok: true });
    expect(spies.listFlows).toHaveBeenCalledWith({});
  });

  it('refuses invalid input with invalid_input, field paths and a readable message, and never calls the handler', async () => {
    const { spies, handlers } = handlersWith();
    const result = await dispatch(handlers, 'startFlow', { settings: { verifierLength: 10, authorizeMode: 'carrier-pigeon' }, profileId: null, clientSecret: { source: 'once', value: '' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.fields?.map((f) => f.field).sort()).toEqual(['clientSecret.value', 'settings.authorizeMode', 'settings.verifierLength']);
    expect(result.error.message).toMatch(/^Invalid input for startFlow: /);
    expect(result.error.message).toContain('settings.verifierLength: ');
    expect(spies.startFlow).not.toHaveBeenCalled();
  });

  it('refuses unknown keys on strict inputs and wrong types, naming (input) when there is no path', async () => {
    const { spies, handlers } = handlersWith();
    const extra = await dispatch(handlers, 'getAppInfo', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ field: '(input)' }] } });
    const wrongType = await dispatch(handlers, 'cancelFlow', 'flow-1');
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ field: '(input)' }] } });
    const empty = await dispatch(handlers, 'cancelFlow', { flowId: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ field: 'flowId' }] } });
    expect(spies.getAppInfo).not.toHaveBeenCalled();
    expect(spies.cancelFlow).not.toHaveBeenCalled();
  });

  it('passes an ApiError through as its shape, fields included, without reporting it as internal', async () => {
    const onInternalError = vi.fn();
    const { handlers } = handlersWith({
      saveProfile: async () => {
        throw new ApiError('conflict', 'The profile changed since it was loaded.', [{ field: 'baseRevision', message: 'now 4' }]);
      },
    });
    const result = await dispatch(handlers, 'saveProfile', { id: 'p1', settings: {}, baseRevision: 3 }, onInternalError);
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: 'The profile changed since it was loaded.', fields: [{ field: 'baseRevision', message: 'now 4' }] } });
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it('turns any other error into `internal` with its message, and reports it', async () => {
    const onInternalError = vi.fn();
    const boom = new TypeError('cannot read x of undefined');
    const { handlers } = handlersWith({
      listProfiles: async () => {
        throw boom;
      },
      deleteProfile: async () => {
        throw 'a bare string';
      },
    });
    expect(await dispatch(handlers, 'listProfiles', {}, onInternalError)).toEqual({ ok: false, error: { code: 'internal', message: 'cannot read x of undefined' } });
    expect(onInternalError).toHaveBeenCalledWith(boom);
    expect(await dispatch(handlers, 'deleteProfile', { id: 'p1' }, onInternalError)).toEqual({ ok: false, error: { code: 'internal', message: 'a bare string' } });
    // Without a reporter it still answers.
    expect(await dispatch(handlers, 'listProfiles', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('isMethodName', () => {
  it('knows every contract method and nothing else, prototype names included', () => {
    for (const method of METHOD_NAMES) expect(isMethodName(method)).toBe(true);
    for (const other of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'startflow', '', 42, null, undefined, {}]) expect(isMethodName(other)).toBe(false);
  });
});
