import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  optionalDependencies?: Record<string, string>;
};

type Section = Record<string, unknown>;
const section = (key: string): Section => {
  const value = config[key];
  expect(value, `${key} section`).toBeTypeOf('object');
  return value as Section;
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface PngInfo {
  width: number;
  height: number;
  colourType: number;
  /** RGBA of a pixel (only for unfiltered rows, which scripts/make-icons.mjs writes). */
  pixel(x: number, y: number): [number, number, number, number];
}

/** Reads the IHDR and inflates the image data of an 8-bit RGBA PNG, checking its size. */
function readPng(buf: Buffer): PngInfo {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colourType = buf[25] as number;
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4 + 1;
  expect(raw.length, 'decoded image data length').toBe(height * stride);
  return {
    width,
    height,
    colourType,
    pixel(x, y) {
      expect(raw[y * stride], `filter byte of row ${y}`).toBe(0);
      const i = y * stride + 1 + x * 4;
      return [raw[i] as number, raw[i + 1] as number, raw[i + 2] as number, raw[i + 3] as number];
    },
  };
}

/** Minimal semver check for the forms used in package.json: exact, ~x.y.z and ^x.y.z. */
function satisfies(version: string, range: string): boolean {
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  const r = /^([~^]?)(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!v || !r) throw new Error(`unsupported version ${version} or range ${range}`);
  const [vMaj, vMin, vPat] = v.slice(1).map(Number) as [number, number, number];
  const [rMaj, rMin, rPat] = r.slice(2).map(Number) as [number, number, number];
  const atLeast = vMaj > rMaj || (vMaj === rMaj && (vMin > rMin || (vMin === rMin && vPat >= rPat)));
  if (r[1] === '~') return atLeast && vMaj === rMaj && vMin === rMin;
  if (r[1] === '^') return atLeast && vMaj === rMaj;
  return vMaj === rMaj && vMin === rMin && vPat === rPat;
}

describe('electron-builder.yml', () => {
  it('identifies the app and writes to release/', () => {
    expect(config.appId).toBe('io.fieldkit.app');
    expect(config.productName).toBe('FieldKit');
    expect(section('directories').output).toBe('release');
  });

  it('packages only the bundles, and the bundles hold the entry points', () => {
    const files = config.files as string[];
    expect(files).toEqual(expect.arrayContaining(['dist-electron/**', 'renderer/dist/**', 'package.json']));
    expect(files.some((f) => f.startsWith('src/'))).toBe(false);
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(pkg.main.startsWith('dist-electron/')).toBe(true);
  });

  it('uses asar but unpacks the native modules', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@serialport/**', '**/*.node']),
    );
  });

  it('rebuilds natives for Electron only when packaging, for the Electron version in package.json', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
    const range = pkg.optionalDependencies?.electron;
    expect(range, 'optionalDependencies.electron').toBeTypeOf('string');
    expect(String(config.electronVersion)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(satisfies(String(config.electronVersion), range as string)).toBe(true);
    // The checker itself must be able to say no.
    expect(satisfies('40.9.0', '~40.8.5')).toBe(false);
    expect(satisfies('40.8.4', '~40.8.5')).toBe(false);
  });

  it('targets AppImage + deb on Linux and nsis + portable on Windows', () => {
    const linux = section('linux');
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(linux.category).toBe('Network');
    expect(linux.maintainer).toBeTypeOf('string');
    expect(String(linux.maintainer)).toMatch(/<[^>]+@[^>]+>/);
    expect(section('win').target).toEqual(['nsis', 'portable']);
    const nsis = section('nsis');
    expect(nsis.oneClick).toBe(false);
    expect(nsis.allowToChangeInstallationDirectory).toBe(true);
    expect(nsis.perMachine).toBe(false);
  });

  it('uses only options electron-builder knows (its published scheme.json)', () => {
    const req = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
    const scheme = JSON.parse(readFileSync(req.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      definitions: Record<string, { properties: Record<string, unknown> }>;
    };
    const unknownKeys = (props: Record<string, unknown>, obj: Section): string[] => Object.keys(obj).filter((k) => !(k in props));
    expect(unknownKeys(scheme.properties, config)).toEqual([]);
    const defs: Record<string, string> = { linux: 'LinuxConfiguration', win: 'WindowsConfiguration', nsis: 'NsisOptions', deb: 'DebOptions' };
    for (const [key, def] of Object.entries(defs)) {
      if (config[key] === undefined) continue;
      expect(unknownKeys(scheme.definitions[def]?.properties ?? {}, section(key)), `${key} options`).toEqual([]);
    }
  });

  it('points at a Linux icon folder of square NxN.png files, including 256 and 512', () => {
    const dir = join(root, String(section('linux').icon));
    const names = readdirSync(dir).filter((n) => n.endsWith('.png'));
    const sizes = names.map((name) => {
      const m = /^(\d+)x(\d+)\.png$/.exec(name);
      expect(m, `icon file name ${name}`).not.toBeNull();
      const png = readPng(readFileSync(join(dir, name)));
      expect([png.width, png.height], name).toEqual([Number(m?.[1]), Number(m?.[2])]);
      expect(png.colourType, `${name} is RGBA`).toBe(6);
      return png.width;
    });
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
  });

  it('has a 512x512 master icon: transparent corners, opaque centre', () => {
    const png = readPng(readFileSync(join(root, 'assets/icon.png')));
    expect([png.width, png.height]).toEqual([512, 512]);
    expect(png.pixel(0, 0)[3]).toBe(0);
    expect(png.pixel(511, 511)[3]).toBe(0);
    expect(png.pixel(256, 256)[3]).toBe(255);
    expect(png.pixel(256, 40)[3]).toBe(255);
  });

  it('has a Windows .ico with 256, 128, 64, 48, 32 and 16 px images', () => {
    const icoPath = join(root, String(section('win').icon));
    expect(existsSync(icoPath)).toBe(true);
    expect(section('nsis').installerIcon).toBe(section('win').icon);
    const ico = readFileSync(icoPath);
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + i * 16;
      const size = ico[e] === 0 ? 256 : (ico[e] as number);
      expect(ico[e + 1] === 0 ? 256 : ico[e + 1], 'square entry').toBe(size);
      expect(ico.readUInt16LE(e + 6), 'bits per pixel').toBe(32);
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const data = ico.subarray(offset, offset + length);
      if (data.subarray(0, 8).equals(PNG_SIGNATURE)) {
        const png = readPng(data);
        expect([png.width, png.height]).toEqual([size, size]);
      } else {
        // Classic DIB: BITMAPINFOHEADER with doubled height (image + AND mask).
        expect(data.readUInt32LE(0)).toBe(40);
        expect(data.readInt32LE(4)).toBe(size);
        expect(data.readInt32LE(8)).toBe(size * 2);
        expect(data.readUInt16LE(14)).toBe(32);
        expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      }
      sizes.push(size);
    }
    expect(sizes.sort((a, b) => b - a)).toEqual([256, 128, 64, 48, 32, 16]);
  });
});
