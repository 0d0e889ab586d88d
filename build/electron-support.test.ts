// The CI gate on Electron's support window (scripts/check-electron-support.ts): its decision only.
import { describe, expect, it } from 'vitest';
import { judgeElectronSupport } from '../scripts/check-electron-support';

describe('judgeElectronSupport', () => {
  it('accepts the latest major and the two before it', () => {
    for (const installed of ['45.5.0', '44.1.2', '43.0.0']) expect(judgeElectronSupport(installed, '45.5.0').status).toBe('supported');
  });

  it('fails an Electron three or more majors behind, naming the supported range and the fix', () => {
    const verdict = judgeElectronSupport('42.9.9', '45.5.0');
    expect(verdict.status).toBe('unsupported');
    expect(verdict.message).toContain('Electron 42.9.9 is out of support');
    expect(verdict.message).toContain('43–45');
    expect(verdict.message).toContain('electron@45');
    expect(judgeElectronSupport('39.8.10', '45.5.0').status).toBe('unsupported');
  });

  it('accepts an Electron newer than the registry says (a beta)', () => {
    expect(judgeElectronSupport('46.0.0-beta.1', '45.5.0').status).toBe('supported');
  });

  it('says plainly, without failing, when the registry cannot be asked', () => {
    const verdict = judgeElectronSupport('45.5.0', { error: 'npm error code ENOTFOUND' });
    expect(verdict.status).toBe('unknown');
    expect(verdict.message).toContain('could NOT be checked');
    expect(verdict.message).toContain('npm error code ENOTFOUND');
  });

  it('treats an answer that is not a version as unknown, and an unreadable installed version as a failure', () => {
    expect(judgeElectronSupport('45.5.0', '<html>proxy login</html>').status).toBe('unknown');
    expect(judgeElectronSupport('latest', '45.5.0').status).toBe('unsupported');
  });
});
