// Keeps dist/cli.mjs, the CLI bundled by esbuild, in step with src/. Loading
// one bundle starts the CLI several times faster than transpiling every
// module through tsx on each launch. Rebuilt when any source file is newer.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// The CLI, and the small module `discover` loads first to probe while the CLI loads (src/hosts/cli/early-discovery.ts).
const entries = { cli: 'src/hosts/cli/main.ts', 'cli-early': 'src/hosts/cli/early-discovery.ts' };
const outputs = Object.keys(entries).map((name) => join(dist, `${name}.mjs`));

function newestMtime(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Pure-JS libraries every command loads are bundled: resolving zod's export map alone took ~50 ms a launch. */
const BUNDLED = new Set(['zod', 'commander', 'fast-xml-parser']);

/** Every other package stays outside: native addons, and what only some commands load. */
function externals() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.devDependencies });
  return names.filter((n) => !BUNDLED.has(n)).flatMap((n) => [n, `${n}/*`]);
}

/**
 * Returns the bundles' paths ({ main, early }), building them first when missing or stale; null
 * when esbuild is unavailable or dist/ cannot be written (the caller then runs the sources with tsx).
 */
export async function ensureCliBundle() {
  const sources = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  const paths = { main: outputs[0], early: outputs[1] };
  if (outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= sources)) return paths;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  // Build into a private folder and rename, so two CLIs starting at once never load half a bundle.
  let tmp;
  try {
    mkdirSync(dist, { recursive: true });
    tmp = mkdtempSync(join(dist, '.build-'));
  } catch (err) {
    // A checkout this user cannot write (another user's, read-only media): run from source instead.
    if (['EACCES', 'EPERM', 'EROFS'].includes(err.code)) return null;
    throw err;
  }
  try {
    await esbuild.build({
      entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, join(root, src)])),
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: externals(),
      // Bundled CommonJS (commander) calls require() for Node built-ins.
      banner: { js: "import { createRequire as __fkCreateRequire } from 'node:module'; const require = __fkCreateRequire(import.meta.url);" },
      // A linked map costs nothing at start-up (Node reads it only with --enable-source-maps).
      sourcemap: 'linked',
      logLevel: 'error',
    });
    for (const name of Object.keys(entries)) {
      renameSync(join(tmp, `${name}.mjs.map`), join(dist, `${name}.mjs.map`));
      renameSync(join(tmp, `${name}.mjs`), join(dist, `${name}.mjs`));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return paths;
}
