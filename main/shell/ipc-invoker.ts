// The one wrapper every IPC method goes through: refuse a foreign sender, then validate and call
// the handler via the shared `dispatch`. A bad payload becomes an `invalid_input` result, never a
// crash in main. Pure (the Electron event is reduced to a trust decision by the caller).
import { dispatch } from '../../shared/contract-dispatch';
import type { ApiHandlers, ApiResult, MethodName } from '../../shared/contract';

export type IpcInvoker = (method: MethodName, trusted: boolean, input: unknown) => Promise<ApiResult<unknown>>;

export function createIpcInvoker(handlers: ApiHandlers, onInternalError?: (method: MethodName, err: unknown) => void): IpcInvoker {
  return async (method, trusted, input) => {
    if (!trusted) return { ok: false, error: { code: 'forbidden', message: `${method} was called from a page that is not PKCE Inspector's own window; refused.` } };
    return dispatch(handlers, method, input, onInternalError ? (err) => onInternalError(method, err) : undefined);
  };
}
