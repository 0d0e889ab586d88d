// Turns a transport's bridge (envelopes) into the typed API the renderer uses (throws ApiError).
// The method names are passed in: the renderer has them as a build-time constant, without
// evaluating the contract's schemas (README, Performance).
import { ApiError } from './errors';
import type { ApiResult, InspectorApi, InspectorBridge, MethodName } from './contract';

export function createApiClient(bridge: InspectorBridge, methods: readonly MethodName[]): InspectorApi {
  const api: Record<string, unknown> = { on: bridge.on.bind(bridge) };
  for (const method of methods) {
    api[method] = async (input: unknown) => {
      const call = bridge[method] as (input: unknown) => Promise<ApiResult<unknown>>;
      const result = await call(input ?? {});
      if (result.ok) return result.value;
      throw new ApiError(result.error.code, result.error.message, result.error.fields);
    };
  }
  return api as InspectorApi;
}
