// Goal 4's first figure: listing 1,000 saved profiles through the contract, as the sidebar asks for
// them (dispatch → listProfiles), from a data folder holding that many.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore } from '../../main/api/create-app-core';
import { createMemorySecretStore } from '../../main/store/secret-store';
import { createMemoryKeyStore } from '../../main/keys/key-store';
import { rendererOpensTabLauncher } from '../../main/web/renderer-launcher';
import { dispatch } from '../../shared/contract-dispatch';
import { defaultFlowSettings } from '../../shared/settings';
import { summarize, type Summary } from './stats';

export async function benchProfileListing(count: number, repeats: number): Promise<Summary> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pkce-bench-profiles-'));
  const core = createAppCore({ dataDir, launcher: rendererOpensTabLauncher, runtime: 'web', authorizeModes: ['browser-loopback'], secretStore: createMemorySecretStore(), keyStore: createMemoryKeyStore() });
  try {
    // Saved the way a user's would be: one created, then exported and imported back as `count`.
    const settings = { ...defaultFlowSettings(), authUrl: 'https://idp.example/authorize', accessTokenUrl: 'https://idp.example/token', clientId: 'bench-client' };
    const first = await call(core.handlers, 'createProfile', { name: 'Bench 0', settings });
    const exported = (await call(core.handlers, 'exportProfiles', { ids: [(first as { id: string }).id] })) as { json: string };
    const document = JSON.parse(exported.json) as { profiles: Record<string, unknown>[] };
    const template = document.profiles[0]!;
    document.profiles = Array.from({ length: count - 1 }, (_, i) => ({ ...template, name: `Bench ${i + 1}` }));
    if (document.profiles.length > 0) await call(core.handlers, 'importProfiles', { json: JSON.stringify(document) });

    const samples: number[] = [];
    for (let i = 0; i < repeats; i += 1) {
      const startedAt = performance.now();
      const listed = (await call(core.handlers, 'listProfiles', {})) as { profiles: unknown[] };
      samples.push(performance.now() - startedAt);
      if (listed.profiles.length !== count) throw new Error(`Listed ${listed.profiles.length} profiles, expected ${count}.`);
    }
    return summarize(samples);
  } finally {
    await core.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function call(handlers: Parameters<typeof dispatch>[0], method: Parameters<typeof dispatch>[1], input: unknown): Promise<unknown> {
  const result = await dispatch(handlers, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}
