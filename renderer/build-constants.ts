// What shared/ computes with zod, computed at build time instead (main/web/renderer-build-constants.ts):
// the renderer then needs no zod at all, which keeps it off the page's first load (README,
// Performance). Types come from shared/, so a new setting or method changes these values by itself.
import type { MethodName } from '../shared/contract';
import type { Preset } from '../shared/presets';
import type { FlowSettings } from '../shared/settings';

declare const __PKCE_INSPECTOR_BUILD__: { defaultFlowSettings: FlowSettings; presetSettings: Record<string, FlowSettings>; methodNames: MethodName[] };

// Read once: `define` pastes the literal wherever the name appears.
const BUILD = __PKCE_INSPECTOR_BUILD__;

/** The contract's methods (shared/contract.ts METHOD_NAMES). */
export const METHOD_NAMES: readonly MethodName[] = BUILD.methodNames;

/** A fresh copy of the settings' defaults (shared/settings.ts defaultFlowSettings). */
export function defaultFlowSettings(): FlowSettings {
  return structuredClone(BUILD.defaultFlowSettings);
}

/** A fresh copy of a preset's full settings (shared/presets.ts presetSettings). */
export function presetSettings(preset: Preset): FlowSettings {
  const settings = BUILD.presetSettings[preset.id];
  if (!settings) throw new Error(`No settings were built for the preset ${preset.id}.`);
  return structuredClone(settings);
}
