// Set-up without Electron's binary (issue 10/17): the postinstall never fails `npm ci`, `npm start`
// explains instead of throwing, and the binary is judged present exactly as electron-vite finds it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadElectronBinary, electronBinaryState, missingBinaryMessage, REMEDY_COMMAND, summariseDownloadError, type BinaryState } from '../scripts/electron-binary';
import { electronPostinstall } from '../scripts/electron-postinstall';
import { runDesktop } from '../scripts/run-desktop';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pkce-electron-pkg-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function installBinary(version = 'v45.5.0') {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'path.txt'), 'electron');
  writeFileSync(join(dir, 'dist', 'electron'), '');
  writeFileSync(join(dir, 'dist', 'version'), version);
}

describe('electronBinaryState', () => {
  it('is missing without path.txt (what electron-vite calls "Electron uninstall")', () => {
    expect(electronBinaryState(dir, {})).toEqual({ installed: false, reason: "Electron's binary has not been downloaded" });
  });

  it('is missing when path.txt names a file that is not there', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinaryState(dir, {})).toMatchObject({ installed: false, reason: expect.stringContaining('is missing') });
  });

  it('is missing when the binary is of another version than the package (an upgrade without download)', () => {
    installBinary('v39.8.10');
    expect(electronBinaryState(dir, {})).toMatchObject({ installed: false, reason: expect.stringContaining('Electron 39.8.10, the package wants 45.5.0') });
  });

  it('is installed when path.txt, the binary and its version agree', () => {
    installBinary();
    expect(electronBinaryState(dir, {})).toEqual({ installed: true, executable: join(dir, 'dist', 'electron') });
  });

  it('follows ELECTRON_EXEC_PATH as electron-vite does', () => {
    expect(electronBinaryState(dir, { ELECTRON_EXEC_PATH: join(dir, 'package.json') })).toEqual({ installed: true, executable: join(dir, 'package.json') });
    expect(electronBinaryState(dir, { ELECTRON_EXEC_PATH: join(dir, 'nope') })).toMatchObject({ installed: false });
  });
});

describe('downloadElectronBinary (runs the package install.js)', () => {
  it("reports the downloader's error in one line, without its stack", async () => {
    writeFileSync(join(dir, 'install.js'), "console.error('TypeError: fetch failed\\n    at node:internal/deps/undici:1:1\\n    at async download (x.js:2:3)'); process.exit(1);");
    expect(await downloadElectronBinary(dir)).toEqual({ ok: false, detail: 'no connection to the download server, fetch failed' });
  });

  it('succeeds when install.js does', async () => {
    writeFileSync(join(dir, 'install.js'), "require('fs').writeFileSync(require('path').join(__dirname, 'path.txt'), 'electron');");
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0', type: 'commonjs' }));
    expect(await downloadElectronBinary(dir)).toEqual({ ok: true });
  });

  it('gives up after its time limit', async () => {
    writeFileSync(join(dir, 'install.js'), 'setTimeout(() => {}, 60000);');
    expect(await downloadElectronBinary(dir, 300)).toEqual({ ok: false, detail: 'timed out after 0 s' });
  });

  it('summarises typical failures', () => {
    expect(summariseDownloadError('Downloading...\nHTTPError: Response code 404 (Not Found) for https://x\n    at a (b:1:1)')).toBe('HTTPError: Response code 404 (Not Found) for https://x');
    expect(summariseDownloadError('RequestError: getaddrinfo ENOTFOUND github.com')).toBe('RequestError: getaddrinfo ENOTFOUND github.com');
    expect(summariseDownloadError('')).toBe('no output');
  });
});

describe('the message without the binary', () => {
  it('says what works, the one-line remedy, and the proxy variant', () => {
    const message = missingBinaryMessage('download failed: fetch failed');
    expect(message).toContain('(download failed: fetch failed)');
    expect(message).toContain('npm run web');
    expect(message).toContain('npm test');
    expect(message).toContain(REMEDY_COMMAND);
    expect(message).toContain('ELECTRON_GET_USE_PROXY=1');
  });
});

const missing: BinaryState = { installed: false, reason: "Electron's binary has not been downloaded" };
const present: BinaryState = { installed: true, executable: '/x/electron' };

describe('postinstall', () => {
  it('does nothing when the binary is there', async () => {
    const download = vi.fn();
    const log = vi.fn();
    expect(await electronPostinstall({ env: {}, state: () => present, download, log })).toBe(0);
    expect(download).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('downloads it when missing and says so', async () => {
    const states = [missing, present];
    const lines: string[] = [];
    const code = await electronPostinstall({ env: {}, state: () => states.shift()!, download: async () => ({ ok: true }), log: (l) => lines.push(l) });
    expect(code).toBe(0);
    expect(lines.at(-1)).toContain("Electron's binary is installed (/x/electron)");
  });

  it('does not fail the install when the download fails, and gives the remedy', async () => {
    const lines: string[] = [];
    const code = await electronPostinstall({ env: {}, state: () => missing, download: async () => ({ ok: false, detail: 'TypeError: fetch failed' }), log: (l) => lines.push(l) });
    expect(code).toBe(0);
    expect(lines.at(-1)).toContain('download failed: TypeError: fetch failed');
    expect(lines.at(-1)).toContain(REMEDY_COMMAND);
  });

  it('skips the attempt with ELECTRON_SKIP_BINARY_DOWNLOAD (offline CI) and says so', async () => {
    const download = vi.fn();
    const lines: string[] = [];
    expect(await electronPostinstall({ env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, state: () => missing, download, log: (l) => lines.push(l) })).toBe(0);
    expect(download).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
  });
});

describe('npm start', () => {
  it('runs electron-vite when the binary is there', async () => {
    const run = vi.fn(async () => 0);
    expect(await runDesktop({ state: () => present, download: vi.fn(), run, log: vi.fn() })).toBe(0);
    expect(run).toHaveBeenCalledOnce();
  });

  it('fetches a missing binary first, then runs', async () => {
    const states = [missing, present];
    const run = vi.fn(async () => 3);
    expect(await runDesktop({ state: () => states.shift()!, download: async () => ({ ok: true }), run, log: vi.fn() })).toBe(3);
  });

  it('without the binary: the remedy and browser mode, exit 1, and electron-vite is never started', async () => {
    const run = vi.fn(async () => 0);
    const lines: string[] = [];
    const code = await runDesktop({ state: () => missing, download: async () => ({ ok: false, detail: 'TypeError: fetch failed' }), run, log: (l) => lines.push(l) });
    expect(code).toBe(1);
    expect(run).not.toHaveBeenCalled();
    expect(lines.join('\n')).toContain(REMEDY_COMMAND);
    expect(lines.at(-1)).toContain('npm run web');
    expect(lines.join('\n')).not.toMatch(/\n\s+at /); // no stack trace
  });
});
