// Keeps dist/cli.mjs, the CLI bundled by esbuild, in step with src/. Loading
// one bundle starts the CLI several times faster than transpiling every
// module through tsx on each launch. Rebuilt when any source file is newer.
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Returns the bundle's path, building it first when missing or stale; null when esbuild is unavailable. */
export async function ensureCliBundle() {
  const sources = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return out;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  // Build to a private file and rename, so two CLIs starting at once never load half a bundle.
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  await esbuild.build({
    entryPoints: [join(root, 'src/hosts/cli/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  renameSync(tmp, out);
  return out;
}
