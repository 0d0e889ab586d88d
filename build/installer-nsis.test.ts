// build/installer.nsh, the Windows installer's scheme registration, compiled with Debian's makensis
// the way electron-builder compiles it (an installer build and an uninstaller build, warnings as
// errors), inside a minimal script that defines what electron-builder's templates define.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_NAME, APP_SCHEME } from '../shared/app-identity';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nsh = readFileSync(join(root, 'build/installer.nsh'), 'utf8');
const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { nsis: { include?: string; perMachine?: boolean } };
const makensis = spawnSync('makensis', ['-VERSION'], { encoding: 'utf8' });
const unavailable = makensis.error ? 'makensis is not installed (apt-get install nsis)' : undefined;
const work = mkdtempSync(join(tmpdir(), 'pkce-nsis-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An installer (or, with BUILD_UNINSTALLER, an uninstaller) script around the include, as electron-builder builds both. */
function wrapper(includeFile: string, context: 'current' | 'all') {
  return `Unicode true
!define PRODUCT_NAME "${APP_NAME}"
!define APP_EXECUTABLE_FILENAME "${APP_NAME}.exe"
!include "${includeFile}"
Name "\${PRODUCT_NAME}"
OutFile "${join(work, 'pkce-inspector-nsis-check.exe')}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\\Programs\\pkce-inspector"
!ifdef BUILD_UNINSTALLER
Section
  WriteUninstaller "$INSTDIR\\Uninstall.exe"
SectionEnd
Section "un.Uninstall"
  SetShellVarContext ${context}
  !insertmacro customUnInstall
SectionEnd
!else
Section "Install"
  SetShellVarContext ${context}
  !insertmacro customInstall
SectionEnd
!endif
`;
}

function compile(includeSource: string, { uninstaller, context }: { uninstaller: boolean; context: 'current' | 'all' }) {
  const include = join(work, `include-${Math.random().toString(36).slice(2)}.nsh`);
  writeFileSync(include, includeSource);
  const script = join(work, 'wrapper.nsi');
  writeFileSync(script, wrapper(include, context));
  const result = spawnSync('makensis', ['-WX', '-V2', ...(uninstaller ? ['-DBUILD_UNINSTALLER'] : []), script], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describe('build/installer.nsh (Windows scheme registration)', () => {
  it('is the include electron-builder uses, for the per-user installer', () => {
    expect(builder.nsis.include).toBe('build/installer.nsh');
    expect(builder.nsis.perMachine).toBe(false);
  });

  it("registers the app's own scheme as Electron would: URL Protocol, the app and %1", () => {
    expect(nsh).toContain(`!define PKCE_INSPECTOR_SCHEME "${APP_SCHEME}"`);
    expect(nsh).toContain('!define PKCE_INSPECTOR_SCHEME_KEY "Software\\Classes\\${PKCE_INSPECTOR_SCHEME}"');
    expect(nsh).toMatch(/WriteRegStr SHELL_CONTEXT "\$\{PKCE_INSPECTOR_SCHEME_KEY\}" "URL Protocol" ""/);
    expect(nsh).toContain(`WriteRegStr SHELL_CONTEXT "\${PKCE_INSPECTOR_SCHEME_KEY}\\shell\\open\\command" "" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "%1"'`);
    // HKCU for a per-user install, HKLM per machine: SHELL_CONTEXT, never a fixed root when writing.
    expect(nsh).not.toMatch(/WriteRegStr (HKCU|HKLM|HKEY_)/);
  });

  it('removes the registration on uninstall, where it still opens this installation', () => {
    const uninstall = nsh.slice(nsh.indexOf('!macro customUnInstall'));
    expect(uninstall).toContain('DeleteRegKey SHELL_CONTEXT "${PKCE_INSPECTOR_SCHEME_KEY}"');
    expect(uninstall).toContain('DeleteRegKey HKCU "${PKCE_INSPECTOR_SCHEME_KEY}"');
  });

  for (const context of ['current', 'all'] as const) {
    it(`compiles with makensis, installer and uninstaller, warnings as errors (SetShellVarContext ${context})`, (ctx) => {
      if (unavailable) {
        if (process.env.CI) throw new Error(`The NSIS test cannot run in CI: ${unavailable}.`);
        console.warn(`Skipping the NSIS compile: ${unavailable}.`);
        ctx.skip();
      }
      for (const uninstaller of [false, true]) {
        const result = compile(nsh, { uninstaller, context });
        expect(result.output).not.toMatch(/warning/i);
        expect(result.ok, result.output).toBe(true);
        expect(existsSync(join(work, 'pkce-inspector-nsis-check.exe'))).toBe(true);
        rmSync(join(work, 'pkce-inspector-nsis-check.exe'));
      }
    });
  }

  it('would fail to compile if it were wrong (the check has teeth)', (ctx) => {
    if (unavailable) ctx.skip();
    expect(compile(nsh.replace('DeleteRegKey SHELL_CONTEXT', 'DeleteRegKee SHELL_CONTEXT'), { uninstaller: true, context: 'current' }).ok).toBe(false);
    expect(compile(nsh.replace('!macroend', ''), { uninstaller: false, context: 'current' }).ok).toBe(false);
    // An unused variable is a warning, which electron-builder's -WX turns into a failed build.
    expect(compile(`${nsh}\nVar unused\n`, { uninstaller: false, context: 'current' }).ok).toBe(false);
  });
});
