// Values the renderer needs that shared/ computes with zod (the settings' defaults, each preset's
// settings, the contract's method names): worked out once, here at build time, and handed to the renderer as a
// constant (Vite `define`), so the page does not carry and run zod to learn them (README,
// Performance). renderer/build-constants.ts reads them; its test holds them equal to shared/'s.
import { METHOD_NAMES } from '../../shared/contract';
import { PRESETS, presetSettings } from '../../shared/presets';
import { defaultFlowSettings } from '../../shared/settings';

/** The global the renderer reads; declared in renderer/build-constants.ts. */
export const BUILD_CONSTANTS_GLOBAL = '__PKCE_INSPECTOR_BUILD__';

/** For the `define` option of every config that builds or tests the renderer. */
export function rendererBuildDefine(): Record<string, string> {
  const constants = {
    defaultFlowSettings: defaultFlowSettings(),
    presetSettings: Object.fromEntries(PRESETS.map((preset) => [preset.id, presetSettings(preset)])),
    methodNames: METHOD_NAMES,
  };
  return { [BUILD_CONSTANTS_GLOBAL]: JSON.stringify(constants) };
}
