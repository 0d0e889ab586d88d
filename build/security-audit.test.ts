// The Electronegativity gate (scripts/security-audit.ts): its judgement, its config, and a real
// scan that must catch an insecure window.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JUSTIFICATIONS_FILE, judgeFindings, loadJustifications, scanSources, type Finding } from '../scripts/security-audit';

const finding = (check: string, file: string, line = 1): Finding => ({ check, file, line, severity: 'HIGH', description: check });

describe('judgeFindings', () => {
  const justifications = [{ check: 'SANDBOX_JS_CHECK', file: 'main/shell/main-window.ts', reason: 'comes from secureWebPreferences()' }];

  it('accepts a finding justified for the same check and file, whatever the line', () => {
    const outcome = judgeFindings([finding('SANDBOX_JS_CHECK', 'main/shell/main-window.ts', 42)], justifications);
    expect(outcome.unjustified).toEqual([]);
    expect(outcome.justified).toHaveLength(1);
    expect(outcome.stale).toEqual([]);
  });

  it('fails a finding of another check in a justified file, or of the same check in another file', () => {
    const outcome = judgeFindings([finding('NODE_INTEGRATION_JS_CHECK', 'main/shell/main-window.ts'), finding('SANDBOX_JS_CHECK', 'main/shell/other.ts')], justifications);
    expect(outcome.unjustified.map((f) => `${f.check} ${f.file}`)).toEqual(['NODE_INTEGRATION_JS_CHECK main/shell/main-window.ts', 'SANDBOX_JS_CHECK main/shell/other.ts']);
    expect(outcome.stale).toEqual(justifications);
  });
});

describe('the justifications file', () => {
  it('is valid and gives every entry a reason', () => {
    const justifications = loadJustifications(JUSTIFICATIONS_FILE);
    expect(justifications.length).toBeGreaterThan(0);
    for (const j of justifications) expect(j.reason.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses an entry without a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-config-'));
    const path = join(dir, 'j.json');
    writeFileSync(path, JSON.stringify({ justified: [{ check: 'SANDBOX_JS_CHECK', file: 'a.ts', reason: '' }] }));
    expect(() => loadJustifications(path)).toThrow(/reason/);
    writeFileSync(path, '{not json');
    expect(() => loadJustifications(path)).toThrow(/Cannot read/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('scanSources', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'audit-fixture-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('catches a window with Node integration and no isolation, and ignores test files', async () => {
    mkdirSync(join(fixture, 'main'));
    const insecure = `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n`;
    writeFileSync(join(fixture, 'main', 'window.ts'), insecure);
    writeFileSync(join(fixture, 'main', 'window.test.ts'), insecure);
    const { findings, errors } = await scanSources(fixture, ['main']);
    expect(errors).toEqual([]);
    const checks = findings.filter((f) => f.file === 'main/window.ts').map((f) => f.check);
    expect(checks).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(checks).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(findings.some((f) => f.file.includes('.test.'))).toBe(false);
    expect(judgeFindings(findings, loadJustifications(JUSTIFICATIONS_FILE)).unjustified.length).toBeGreaterThan(0);
  }, 60_000);
});
