#!/usr/bin/env node
// Draws the FieldKit app icon (a camera lens / target on a rounded teal-blue square) and writes:
//   assets/icon.png          512x512, the master icon
//   assets/icons/NxN.png     the size set electron-builder uses for Linux (AppImage, deb)
//   assets/icon.ico          Windows icon (NSIS, portable, exe resources)
// Only node built-ins: every size is rendered from the vector description (not downscaled), with
// supersampling for antialiasing, so small sizes stay crisp. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [256, 128, 64, 48, 32, 16];

// ---------- geometry (unit square, y down) ----------

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const clamp01 = (t) => Math.min(1, Math.max(0, t));

const TEAL = hex('#14b8a6');
const BLUE = hex('#1d4ed8');
const WHITE = hex('#f8fafc');
const LENS = hex('#0b1a33');
const IRIS_OUT = hex('#0e7490');
const IRIS_IN = hex('#1e3a8a');
const PUPIL = hex('#020617');

function roundedSquareInside(x, y, inset, radius) {
  // Signed distance to a rounded box centred at 0.5.
  const half = 0.5 - inset;
  const qx = Math.abs(x - 0.5) - (half - radius);
  const qy = Math.abs(y - 0.5) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius <= 0;
}

function capsuleInside(x, y, ax, ay, bx, by, r) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01((px * dx + py * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - dx * t, py - dy * t) <= r;
}

/** Colour of one sample point as [r, g, b, a] (straight alpha, 0..255 / 0..1). */
function sample(x, y) {
  if (!roundedSquareInside(x, y, 0.04, 0.2)) return [0, 0, 0, 0];
  const d = Math.hypot(x - 0.5, y - 0.5);
  // Lens glints, upper-left light source.
  if (Math.hypot(x - 0.435, y - 0.435) <= 0.045) return [...mix(PUPIL, WHITE, 0.92), 1];
  if (Math.hypot(x - 0.575, y - 0.575) <= 0.018) return [...mix(PUPIL, WHITE, 0.55), 1];
  if (d <= 0.115) return [...PUPIL, 1];
  if (d <= 0.2) return [...mix(IRIS_IN, IRIS_OUT, clamp01((x + y - 0.6) / 0.8)), 1];
  if (d <= 0.29) return [...LENS, 1];
  if (d <= 0.345) return [...WHITE, 1];
  // Target ticks at north, east, south and west.
  const w = 0.026;
  const [t0, t1] = [0.085, 0.125]; // from the square's edge towards the ring
  if (
    capsuleInside(x, y, 0.5, t0, 0.5, t1, w) ||
    capsuleInside(x, y, 0.5, 1 - t0, 0.5, 1 - t1, w) ||
    capsuleInside(x, y, t0, 0.5, t1, 0.5, w) ||
    capsuleInside(x, y, 1 - t0, 0.5, 1 - t1, 0.5, w)
  ) {
    return [...WHITE, 1];
  }
  // Diagonal gradient, with a soft light falling on the upper half.
  const base = mix(TEAL, BLUE, clamp01((x + y - 0.1) / 1.8));
  return [...mix(base, WHITE, 0.1 * clamp01(1 - y * 1.6)), 1];
}

/** Renders the icon at size x size, RGBA bytes, averaging ss x ss samples per pixel. */
function render(size) {
  const ss = size <= 64 ? 8 : 4;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [sr, sg, sb, sa] = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          // Average premultiplied colour so transparent samples do not darken the edge.
          r += sr * sa;
          g += sg * sa;
          b += sb * sa;
          a += sa;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round((a / (ss * ss)) * 255);
    }
  }
  return out;
}

// ---------- PNG ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter, interlace: 0
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- ICO ----------

// 256 is stored as PNG (the Vista+ format); smaller sizes as classic 32-bit DIBs, which every
// consumer of .ico (NSIS, rcedit, old shells) reads.
function encodeDib(size, rgba) {
  const maskRow = Math.ceil(size / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR bitmap + AND mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y; // DIBs are stored bottom-up
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = (row * size + x) * 4;
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
      if (rgba[s + 3] === 0) mask[row * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

// ---------- main ----------

const rendered = new Map();
const pixelsAt = (size) => {
  if (!rendered.has(size)) rendered.set(size, render(size));
  return rendered.get(size);
};

mkdirSync(join(assets, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) {
  writeFileSync(join(assets, 'icons', `${size}x${size}.png`), encodePng(size, pixelsAt(size)));
}
writeFileSync(join(assets, 'icon.png'), encodePng(512, pixelsAt(512)));
writeFileSync(
  join(assets, 'icon.ico'),
  encodeIco(
    ICO_SIZES.map((size) => ({
      size,
      data: size >= 256 ? encodePng(size, pixelsAt(size)) : encodeDib(size, pixelsAt(size)),
    })),
  ),
);
console.log(`wrote assets/icon.png, assets/icon.ico and assets/icons/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png`);
