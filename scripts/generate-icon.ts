// Draws the app icon (a magnifying glass over a keyhole: "inspect the key exchange") and writes
// build/icon.png (1024 px), build/icon.ico (16-256 px) and build/icon.icns (128-1024 px), with no
// image library and no network: shapes are signed distance functions, anti-aliased by coverage,
// encoded as PNG with zlib; ICO and ICNS simply wrap PNG images (supported since Vista / 10.7).
// Run: npm run icons (deterministic; build/icon.test.ts checks the committed files are current).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];

const TOP: Rgb = [30, 58, 138]; // indigo-900
const BOTTOM: Rgb = [13, 148, 136]; // teal-600
const WHITE: Rgb = [255, 255, 255];

// Signed distances in the unit square (negative inside).
const circle = (x: number, y: number, cx: number, cy: number, r: number) => Math.hypot(x - cx, y - cy) - r;
function roundedBox(x: number, y: number, cx: number, cy: number, hw: number, hh: number, r: number): number {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function capsule(x: number, y: number, ax: number, ay: number, bx: number, by: number, r: number): number {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const h = Math.min(Math.max((px * dx + py * dy) / (dx * dx + dy * dy), 0), 1);
  return Math.hypot(px - dx * h, py - dy * h) - r;
}

/** RGBA pixels of the icon at `size` x `size`. */
export function renderIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const pixel = 1 / size;
  // Coverage of a shape from its distance, over about one pixel: cheap, smooth anti-aliasing.
  const cover = (d: number) => Math.min(Math.max(0.5 - d / pixel, 0), 1);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = (col + 0.5) / size;
      const y = (row + 0.5) / size;
      const background = cover(roundedBox(x, y, 0.5, 0.5, 0.42, 0.42, 0.19));
      const t = (x + y) / 2;
      let color: Rgb = [0, 1, 2].map((i) => TOP[i]! + (BOTTOM[i]! - TOP[i]!) * t) as Rgb;
      const lens = Math.abs(circle(x, y, 0.445, 0.445, 0.19)) - 0.03;
      const handle = capsule(x, y, 0.6, 0.6, 0.73, 0.73, 0.042);
      const keyhole = Math.min(circle(x, y, 0.445, 0.415, 0.052), roundedBox(x, y, 0.445, 0.49, 0.026, 0.065, 0.012));
      const glyph = cover(Math.min(lens, handle, keyhole));
      color = color.map((c, i) => c + (WHITE[i]! - c) * glyph) as Rgb;
      const offset = (row * size + col) * 4;
      pixels[offset] = Math.round(color[0]);
      pixels[offset + 1] = Math.round(color[1]);
      pixels[offset + 2] = Math.round(color[2]);
      pixels[offset + 3] = Math.round(255 * background);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG (filter 0 on every row). */
export function encodePng(rgba: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, filter set 0, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) raw.set(rgba.subarray(row * size * 4, (row + 1) * size * 4), row * (size * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

/** A Windows icon holding PNG images (one directory entry per size; 256 is written as 0). */
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** ICNS PNG element types by pixel size. */
export const ICNS_TYPES: Record<number, string> = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

export function encodeIcns(images: { size: number; png: Buffer }[]): Buffer {
  const elements = images.map(({ size, png }) => {
    const type = ICNS_TYPES[size];
    if (!type) throw new Error(`No ICNS PNG type for ${size} px`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

export interface IconFiles {
  png: Buffer;
  ico: Buffer;
  icns: Buffer;
}

export function generateIcons(): IconFiles {
  const pngs = new Map<number, Buffer>();
  for (const size of [16, 32, 48, 128, 256, 512, 1024]) pngs.set(size, encodePng(renderIcon(size), size));
  const pick = (sizes: number[]) => sizes.map((size) => ({ size, png: pngs.get(size)! }));
  return { png: pngs.get(1024)!, ico: encodeIco(pick([16, 32, 48, 256])), icns: encodeIcns(pick([128, 256, 512, 1024])) };
}

export const BUILD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const icons = generateIcons();
  writeFileSync(join(BUILD_DIR, 'icon.png'), icons.png);
  writeFileSync(join(BUILD_DIR, 'icon.ico'), icons.ico);
  writeFileSync(join(BUILD_DIR, 'icon.icns'), icons.icns);
  console.log(`Wrote icon.png, icon.ico and icon.icns to ${BUILD_DIR}`);
}
