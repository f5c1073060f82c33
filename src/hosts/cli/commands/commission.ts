import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { FieldKitError } from '../../../contract/errors';
import type { ApplyResult } from '../../../contract';
import { withApi, type GlobalOptions } from '../context';
import { makeOut, UsageError } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

interface CommissionFlags {
  user?: string;
  password?: string;
  site?: string;
  technician?: string;
  iface?: string;
  verifyTimeout: string;
}

const MAX_PLAN_BYTES = 1_000_000;

/** What `fieldkit commission --json` prints: exactly the shape the issue names. */
export function commissionOutput(r: ApplyResult): { devices: { mac: string; ok: boolean; steps: { name: string; ok: boolean; detail: string }[] }[] } {
  return { devices: r.devices.map((d) => ({ mac: d.mac, ok: d.ok, steps: d.steps.map((s) => ({ name: s.name, ok: s.ok, detail: s.detail })) })) };
}

function describe(r: ApplyResult): string {
  const lines = r.devices.flatMap((d) => [
    `${d.mac}  ${d.ok ? 'OK' : 'FAILED'}`,
    ...d.steps.map((s) => `  ${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(9)} ${s.detail}`),
  ]);
  const ok = r.devices.filter((d) => d.ok).length;
  lines.push(`${ok} of ${r.devices.length} camera(s) commissioned (run ${r.runId}${r.resumed ? ', resumed' : ''})`);
  return lines.join('\n');
}

/** `fieldkit commission PLAN.csv`: a batch from the installer's spreadsheet, resumable. */
export function registerCommissionCommands(program: Command, run: Run): void {
  const g = () => program.opts<GlobalOptions>();
  program
    .command('commission <plan>')
    .description('commission cameras from a plan CSV (mac, ip, gateway, hostname[, new_password, ntp]); re-running the same plan resumes it')
    .option('--user <name>', 'camera user name (required)')
    .option('--password <password>', 'camera login password (required; kept encrypted in the vault)')
    .option('--site <name>', 'site name for the records', 'default')
    .option('--technician <name>', 'technician name for the records', '')
    .option('--iface <name>', 'laptop interface the cameras are on')
    .option('--verify-timeout <seconds>', 'how long to wait for a camera at its new address', '20')
    .addHelpText('after', '\nProgress goes to stderr. --json prints {"devices":[{"mac","ok","steps":[{"name","ok","detail"}]}]}.\nExit 1 when any camera failed. Running the same plan for the same site again continues where it stopped.')
    .action((plan: string, o: CommissionFlags) =>
      run(async () => {
        if (!o.user) throw new UsageError('--user is required');
        if (o.password === undefined) throw new UsageError('--password is required');
        const verifySeconds = Number(o.verifyTimeout);
        if (!Number.isFinite(verifySeconds) || verifySeconds < 1 || verifySeconds > 300) throw new UsageError('--verify-timeout must be 1..300 seconds');
        let csv: string;
        try {
          const buf = await readFile(plan);
          if (buf.length > MAX_PLAN_BYTES) throw new UsageError(`${plan} is larger than ${MAX_PLAN_BYTES} bytes`);
          csv = buf.toString('utf8');
        } catch (err) {
          if (err instanceof UsageError) throw err;
          throw new UsageError(`cannot read the plan ${plan}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
        await withApi(g(), async (api, on) => {
          const out = makeOut(!!g().json);
          const opened = await api.wizard.openPlan({ csv, site: o.site ?? 'default', technician: o.technician ?? '', iface: o.iface ?? null, username: o.user!, password: o.password! });
          const runId = opened.run.id;
          out.progress(`fieldkit: ${opened.resumed ? 'resuming' : 'starting'} run ${runId}: ${opened.run.devices} camera(s) for site ${opened.run.site}`);
          on('wizard.progress', (p) => {
            if (p.runId !== runId || p.state === 'pending') return;
            const tag = p.state === 'verified' ? 'ok' : p.state === 'failed' ? 'FAIL' : p.state === 'skipped' ? 'skip' : '...';
            out.progress(`fieldkit: ${p.mac} ${tag.padEnd(4)} ${p.step}: ${p.detail}`);
          });
          const stop = () => void api.wizard.cancel(runId);
          process.once('SIGINT', stop);
          let r: ApplyResult;
          try {
            r = await api.wizard.apply(runId, { verifyTimeoutMs: Math.round(verifySeconds * 1000) });
          } finally {
            process.off('SIGINT', stop);
          }
          out.result(commissionOutput(r), () => describe(r));
          const failed = r.devices.filter((d) => !d.ok).length;
          if (failed || r.state === 'interrupted') throw new FieldKitError('failed', r.state === 'interrupted' ? 'stopped before every camera was done; run the same command again to continue' : `${failed} camera(s) failed (see the steps)`);
        });
      }),
    );
}
