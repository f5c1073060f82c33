import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { isLoopback } from '../../web/access';
import { startWebHost } from '../../web/server';
import { appRoot } from '../../../platform/node/app-root';
import { openUrl } from '../../../platform/node/open-url';
import { openCore, type GlobalOptions } from '../context';
import { UsageError, whenStdoutCloses } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

export const RENDERER_DIST = join(appRoot(), 'renderer', 'dist');

/** Builds the UI when this checkout has not built it yet (a fresh clone after `npm ci`). */
async function ensureRendererBuilt(progress: (l: string) => void): Promise<void> {
  if (existsSync(`${RENDERER_DIST}/index.html`)) return;
  progress('fieldkit: building the UI once (renderer/dist is missing)...');
  const { build } = await import('vite');
  await build({ configFile: join(appRoot(), 'renderer', 'vite.config.ts'), logLevel: 'warn' });
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be 0..65535, not "${v}"`);
  return n;
}

export function registerServeCommand(program: Command, run: Run): void {
  program
    .command('serve')
    .description('serve the FieldKit UI to a browser on 127.0.0.1 (per-launch token), until Ctrl+C')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--bind <addr>', 'address to bind; anything but loopback exposes FieldKit to the network', '127.0.0.1')
    .option('--open', 'open the system browser at the URL')
    .action((o: { port: string; bind: string; open?: boolean }) =>
      run(async () => {
        const port = parsePort(o.port);
        await ensureRendererBuilt((l) => process.stderr.write(`${l}\n`));
        const { core, close } = openCore(program.opts<GlobalOptions>(), 'browser');
        const host = await startWebHost({ rpc: core.server, staticDir: RENDERER_DIST, logger: core.logger, bind: o.bind, port });
        if (!isLoopback(o.bind)) process.stderr.write(`fieldkit: warning: listening on ${o.bind}, reachable from the network (the token still applies)\n`);
        // `fieldkit serve | head -1` (a script taking the URL) must leave the server running.
        whenStdoutCloses(() => undefined);
        process.stdout.write(`FieldKit UI: ${host.url}\n`);
        if (o.open && !openUrl(host.url)) process.stderr.write('fieldkit: no browser to open here; open the URL above yourself\n');
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await host.close();
        await close();
      }),
    );
}
