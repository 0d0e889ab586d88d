// Runs one contract call on main's side: validate the input, call the handler, wrap the outcome.
// Both hosts (Electron IPC and browser mode) go through here, so validation cannot be forgotten.
import { ApiError, type FieldIssue } from './errors';
import { METHOD_NAMES, methodSchemas, type ApiHandlers, type ApiResult, type MethodName } from './contract';

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as string[]).includes(name);
}

export async function dispatch(handlers: ApiHandlers, method: MethodName, rawInput: unknown, onInternalError?: (err: unknown) => void): Promise<ApiResult<unknown>> {
  const parsed = methodSchemas[method].safeParse(rawInput ?? {});
  if (!parsed.success) {
    const fields: FieldIssue[] = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(input)', message: issue.message }));
    return { ok: false, error: { code: 'invalid_input', message: `Invalid input for ${method}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields } };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toShape() };
    onInternalError?.(err);
    return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
  }
}
