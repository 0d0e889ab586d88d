import { describe, expect, it } from 'vitest';
import { METHOD_NAMES as CONTRACT_METHOD_NAMES } from '../shared/contract';
import { PRESETS, presetSettings as sharedPresetSettings } from '../shared/presets';
import { defaultFlowSettings as sharedDefaults } from '../shared/settings';
import { defaultFlowSettings, METHOD_NAMES, presetSettings } from './build-constants';

describe('build-time constants (what shared/ computes with zod, without zod in the page)', () => {
  it('are the settings defaults, each preset and the contract methods as shared/ computes them', () => {
    expect(defaultFlowSettings()).toEqual(sharedDefaults());
    for (const preset of PRESETS) expect(presetSettings(preset)).toEqual(sharedPresetSettings(preset));
    expect([...METHOD_NAMES]).toEqual(CONTRACT_METHOD_NAMES);
  });

  it('hands out fresh copies: editing one leaves the next untouched', () => {
    const first = defaultFlowSettings();
    first.extraAuthParams.push({ key: 'k', value: 'v', enabled: true });
    first.clientId = 'edited';
    expect(defaultFlowSettings()).toEqual(sharedDefaults());
    const preset = PRESETS[0]!;
    presetSettings(preset).clientId = 'edited';
    expect(presetSettings(preset)).toEqual(sharedPresetSettings(preset));
  });

  it('refuses a preset it has no settings for', () => {
    expect(() => presetSettings({ ...PRESETS[0]!, id: 'unknown-preset' })).toThrow(/unknown-preset/);
  });
});
