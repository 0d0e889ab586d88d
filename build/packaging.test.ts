// The installer configuration, checked without building installers: electron-builder's own JSON
// schema (the validation electron-builder runs first), and the promises the app relies on at run
// time: its identity, the URL scheme on every OS, keytar outside the asar, the icons.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID, APP_NAME, APP_SCHEME } from '../shared/app-identity';
import { generateIcons } from '../scripts/generate-icon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const minimatch = require('minimatch') as (path: string, pattern: string, options?: { dot?: boolean }) => boolean;

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Config;

// Compiled as electron-builder compiles it (app-builder-lib/out/util/config/schemaValidator.js).
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object);
function validateWithBuilderSchema(candidate: unknown) {
  const valid = validate(structuredClone(candidate));
  return { valid, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`) };
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    const { valid, errors } = validateWithBuilderSchema(config);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused by the schema if it were wrong (the check has teeth)', () => {
    expect(validateWithBuilderSchema({ ...config, protocols: 'io.github.pkce-inspector' }).valid).toBe(false);
    expect(validateWithBuilderSchema({ ...config, nsis: { ...config.nsis, oneClik: false } }).valid).toBe(false);
    expect(validateWithBuilderSchema({ ...config, notAnOption: true }).valid).toBe(false);
  });

  it('uses the identity the app itself uses', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(APP_NAME);
    expect(packageJson.productName).toBe(APP_NAME);
  });

  it('registers the custom scheme for every platform', () => {
    // Top-level `protocols`: Info.plist CFBundleURLTypes on macOS, registry keys written by the NSIS
    // installer on Windows, and MimeType=x-scheme-handler/<scheme> in the Linux .desktop entry.
    expect(config.protocols).toEqual([{ name: expect.any(String), schemes: [APP_SCHEME] }]);
    for (const platform of ['mac', 'win', 'linux']) expect(config[platform]?.protocols, `${platform} must not override protocols`).toBeUndefined();
    expect(config.win.target).toContain('nsis');
    expect(config.nsis).toBeDefined();
    expect(config.linux.desktop?.entry?.MimeType).toBeUndefined(); // electron-builder derives it from protocols
  });

  it('builds dmg + zip, nsis, deb (the primary Linux package) + AppImage', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.deb.depends).toContain('libsecret-1-0');
  });

  it("names the .deb's desktop file as package.json's desktopName (Electron's app id and WM_CLASS)", () => {
    // electron-builder installs /usr/share/applications/<executableName>.desktop.
    expect(config.linux.executableName).toBe('pkce-inspector');
    expect(packageJson.desktopName).toBe(`${config.linux.executableName}.desktop`);
  });

  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; only a verified app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar and the integrity check need the app inside an asar archive.
    expect(config.asar).not.toBe(false);
    expect(validateWithBuilderSchema({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }).valid).toBe(false);
  });

  it('keeps keytar (a native module) out of the asar archive', () => {
    const patterns = config.asarUnpack as string[];
    const unpacked = (path: string) => patterns.some((pattern) => minimatch(path, pattern, { dot: true }));
    expect(unpacked('node_modules/keytar/build/Release/keytar.node')).toBe(true);
    expect(unpacked('node_modules/keytar/package.json')).toBe(true);
    expect(unpacked('node_modules/zod/index.js')).toBe(false);
  });

  it('packages the electron-vite output that package.json points at', () => {
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('package.json');
    expect(minimatch(packageJson.main as string, 'out/**')).toBe(true);
    expect(packageJson.main).toBe('out/main/index.js');
  });

  it('grants the hardened runtime only what V8 needs', () => {
    const plist = readFileSync(join(root, config.mac.entitlements as string), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });
});

describe('package.json and the dev server', () => {
  const semver = require('semver') as { subset: (a: string, b: string) => boolean; minVersion: (r: string) => { version: string } | null };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };

  it("supports only Node versions that every installed package supports (no EBADENGINE)", () => {
    const engines = packageJson.engines.node as string;
    const refused = Object.entries(lock.packages)
      .filter(([, pkg]) => typeof pkg.engines?.node === 'string' && !semver.subset(engines, pkg.engines.node))
      .map(([path, pkg]) => `${path} wants ${pkg.engines?.node}`);
    expect(refused).toEqual([]);
    expect(semver.minVersion(engines)?.version).toBe('22.13.0');
  });

  it('states the same Node versions in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('Node.js 22.13+ or 24+');
  });

  it('runs the desktop app through the binary check, and fetches the binary after install', () => {
    expect(packageJson.scripts.start).toBe('tsx scripts/run-desktop.ts dev');
    expect(packageJson.scripts.postinstall).toBe('tsx scripts/electron-postinstall.ts');
    expect(packageJson.scripts['check:electron-support']).toBe('tsx scripts/check-electron-support.ts');
  });

  it('gives the dev renderer a fixed port that Vite may not move away from', async () => {
    const { default: viteConfig } = await import('../electron.vite.config');
    expect((viteConfig as { renderer?: { server?: object } }).renderer?.server).toMatchObject({ port: 5173, strictPort: true });
  });
});

describe('icons', () => {
  const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

  it('are real images of the sizes the installers need', () => {
    const png = readFileSync(join(root, config.linux.icon as string));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1024, height: 1024 });

    const ico = readFileSync(join(root, config.win.icon as string));
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + i * 16) || 256);
    expect(widths).toContain(256);
    const offset = ico.readUInt32LE(6 + (count - 1) * 16 + 12);
    expect(pngSize(ico.subarray(offset))).toEqual({ width: widths[count - 1], height: widths[count - 1] });

    const icns = readFileSync(join(root, config.mac.icon as string));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.subarray(at, at + 4).toString('ascii'));
    expect(types).toEqual(['ic07', 'ic08', 'ic09', 'ic10']);
  });

  it('are what scripts/generate-icon.ts draws (run `npm run icons` after changing it)', () => {
    const icons = generateIcons();
    expect(icons.png.equals(readFileSync(join(root, 'build/icon.png')))).toBe(true);
    expect(icons.ico.equals(readFileSync(join(root, 'build/icon.ico')))).toBe(true);
    expect(icons.icns.equals(readFileSync(join(root, 'build/icon.icns')))).toBe(true);
  });
});
