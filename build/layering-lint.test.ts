// The layering in DESIGN.md is enforced by eslint.config.js; this proves the rules bite, so that a
// refactor of the config cannot silently turn the layering back into a convention.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint', () => {
  it('lets only the Electron shell import electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restrictedImports('main/flow/new-module.ts', code)).toEqual([expect.stringContaining('Only main/shell')]);
    expect(await restrictedImports('main/store/new-module.ts', code)).toHaveLength(1);
    expect(await restrictedImports('shared/new-module.ts', code)).toHaveLength(1);
    expect(await restrictedImports('renderer/new-module.ts', code)).toHaveLength(1);
    expect(await restrictedImports('main/shell/new-module.ts', code)).toEqual([]);
    expect(await restrictedImports('main/preload/new-module.ts', code)).toEqual([]);
  });

  it('keeps Node built-ins out of shared/ and the renderer', async () => {
    for (const source of ['node:fs', 'fs', 'node:crypto', 'child_process']) {
      const code = `import * as m from '${source}';\nexport const a = m;\n`;
      expect(await restrictedImports('shared/new-module.ts', code)).toEqual([expect.stringContaining('no Node built-ins')]);
      expect(await restrictedImports('renderer/features/new-module.ts', code)).toEqual([expect.stringContaining('The renderer has no Node')]);
      expect(await restrictedImports('main/flow/new-module.ts', code)).toEqual([]);
    }
  });

  it('keeps main/ out of the renderer and the shell out of the services', async () => {
    expect(await restrictedImports('renderer/features/new-module.ts', "import { FlowEngine } from '../../main/flow/flow-engine';\nexport const a = FlowEngine;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/new-module.ts', "import { FlowEngine } from '../main/flow/flow-engine';\nexport const a = FlowEngine;\n")).toHaveLength(1);
    expect(await restrictedImports('main/flow/new-module.ts', "import { AuthWindows } from '../shell/auth-window';\nexport const a = AuthWindows;\n")).toHaveLength(1);
  });
});
