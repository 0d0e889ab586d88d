// Turns a transport's bridge (envelopes) into the typed API the renderer uses (throws ApiError).
import { ApiError } from './errors';
import { METHOD_NAMES, type ApiResult, type InspectorApi, type InspectorBridge } from './contract';

export function createApiClient(bridge: InspectorBridge): InspectorApi {
  const api: Record<string, unknown> = { on: bridge.on.bind(bridge) };
  for (const method of METHOD_NAMES) {
    api[method] = async (input: unknown) => {
      const call = bridge[method] as (input: unknown) => Promise<ApiResult<unknown>>;
      const result = await call(input ?? {});
      if (result.ok) return result.value;
      throw new ApiError(result.error.code, result.error.message, result.error.fields);
    };
  }
  return api as InspectorApi;
}
