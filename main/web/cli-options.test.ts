import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseWebCli } from './cli-options';

const defaults = { dataDir: '/home/u/.config/PKCE Inspector' };

describe('npm run web options', () => {
  it('defaults to a free port and the shared data folder', () => {
    expect(parseWebCli([], defaults)).toEqual({ kind: 'run', options: { port: 0, dataDir: defaults.dataDir } });
  });

  it('reads --port and --data-dir in both spellings', () => {
    expect(parseWebCli(['--port', '7777', '--data-dir', '/tmp/p'], defaults)).toEqual({ kind: 'run', options: { port: 7777, dataDir: '/tmp/p' } });
    expect(parseWebCli(['--port=0', '--data-dir=/tmp/q'], defaults)).toEqual({ kind: 'run', options: { port: 0, dataDir: '/tmp/q' } });
  });

  it('explains bad input instead of guessing', () => {
    for (const port of ['abc', '-1', '65536', '1.5', '']) {
      const parsed = parseWebCli(['--port', port], defaults);
      expect(parsed.kind, port).toBe('error');
    }
    expect(parseWebCli(['--prot', '1'], defaults)).toMatchObject({ kind: 'error', message: expect.stringContaining('--prot') });
    expect(parseWebCli(['extra'], defaults).kind).toBe('error');
    expect(parseWebCli(['--data-dir', ' '], defaults).kind).toBe('error');
  });

  it('has --help', () => {
    expect(parseWebCli(['--help'], defaults)).toEqual({ kind: 'help' });
    expect(parseWebCli(['-h'], defaults)).toEqual({ kind: 'help' });
  });

  it("uses Electron's userData folder for each OS", () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/PKCE Inspector');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe('/xdg/PKCE Inspector');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/PKCE Inspector');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toContain('PKCE Inspector');
  });
});
