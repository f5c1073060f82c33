import type { Command } from 'commander';
import { FieldKitError } from '../../../contract/errors';
import type { Api } from '../../../contract';
import type { PtzDirection, PtzFrame, PtzOutcome } from '../../../contract/ptz';
import { PTZ_DIRECTIONS } from '../../../contract/ptz';
import { withApi, type GlobalOptions } from '../context';
import { makeOut, UsageError } from '../output';
import { parseIntFlag, parseSpeeds, targetFromFlags } from './ptz-target';
import type { PtzTargetFlags } from './ptz-target';

type Run = (fn: () => Promise<void>) => Promise<void>;
type Flags = GlobalOptions & PtzTargetFlags & { timeout?: string };

/** The jog heartbeat period of `move`: well inside the service's 500 ms deadman. */
const HEARTBEAT_MS = 150;

const frameLine = (f: PtzFrame): string => `  ${f.dir === 'tx' ? '->' : '<-'} ${f.hex.padEnd(26)} ${f.meaning}${f.latencyMs === undefined ? '' : ` (${f.latencyMs} ms)`}`;

function human(summary: string, r: PtzOutcome): string {
  return [`${summary} (${r.latencyMs} ms)`, ...r.frames.map(frameLine)].join('\n');
}


/**
 * Connects to the target, runs `fn`, disconnects; prints `{"ok":true, ...}` or, for camera
 * errors, `{"ok":false,"error":"syntax|buffer-full|..."}` before failing with exit 1.
 */
async function withCamera(cmd: Command, name: string, fn: (api: Api, connId: string) => Promise<{ value: PtzOutcome & object; summary: string }>): Promise<void> {
  const o = cmd.optsWithGlobals<Flags>();
  const out = makeOut(!!o.json);
  const target = targetFromFlags(o);
  const replyTimeoutMs = o.timeout === undefined ? undefined : parseIntFlag('--timeout', o.timeout);
  await withApi(o, async (api) => {
    const conn = await api.ptz.connect(target, replyTimeoutMs === undefined ? {} : { replyTimeoutMs });
    try {
      const { value, summary } = await fn(api, conn.connId);
      out.result({ ok: true, command: name, target: conn.target, ...value }, () => human(summary, value));
    } catch (err) {
      const d = err instanceof FieldKitError ? (err.details as { camera?: string; frames?: PtzFrame[] } | undefined) : undefined;
      if (d?.camera) {
        out.result({ ok: false, command: name, error: d.camera, message: err instanceof Error ? err.message : String(err), frames: d.frames ?? [] }, () =>
          (d.frames ?? []).map(frameLine).join('\n'),
        );
      }
      throw err;
    } finally {
      await api.ptz.disconnect(conn.connId).catch(() => undefined);
    }
  });
}

function oneOf<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${what} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

/** Merges two outcomes (drive then stop) into one report. */
function both(a: PtzOutcome, b: PtzOutcome): PtzOutcome {
  return { frames: [...a.frames, ...b.frames], latencyMs: a.latencyMs };
}

export function registerPtzCommands(program: Command, run: Run): void {
  const ptz = program
    .command('ptz')
    .description('aim and test PTZ cameras: VISCA over serial/IP/TCP, Pelco-D/P over RS-485')
    .option('--serial <path>', 'VISCA camera on a serial port (or pty)')
    .option('--visca-udp <host[:port]>', 'VISCA over IP with the Sony header (UDP, default port 52381)')
    .option('--raw', 'with --visca-udp: raw VISCA in UDP datagrams, no header (default port 1259)')
    .option('--visca-tcp <host:port>', 'raw VISCA over TCP (PTZOptics: 5678)')
    .option('--pelco-d <path>', 'Pelco-D camera on an RS-485 adapter (needs --addr)')
    .option('--pelco-p <path>', 'Pelco-P camera on an RS-485 adapter (needs --addr)')
    .option('--baud <n>', 'serial rate: 9600 (default), 19200, 38400, 115200; Pelco also 2400, 4800')
    .option('--addr <n>', 'camera address: VISCA 1..7 (default 1), Pelco 1..255')
    .option('--timeout <ms>', 'wait this long for an answer (default 1000)');
  ptz.addHelpText(
    'after',
    '\nExamples:\n  fieldkit ptz --serial /dev/ttyUSB0 position\n  fieldkit ptz --visca-udp 192.168.0.90 move left --speed 8 --ms 300\n  fieldkit ptz --pelco-d /dev/ttyUSB1 --addr 3 preset recall 2\n' +
      '\nWith --json: {"ok":true,...,"frames":[...],"latencyMs":N}; camera errors exit 1 with\n{"ok":false,"error":"syntax|buffer-full|canceled|no-socket|not-executable|timeout"}.',
  );
  const cmd = (name: string, description: string): Command => ptz.command(name).description(description);

  cmd('address-set', 'AddressSet broadcast: cameras on the daisy chain take addresses 1..n').action((_o, c: Command) =>
    run(() => withCamera(c, 'address-set', async (api, id) => {
      const r = await api.ptz.addressSet(id);
      return { value: r, summary: `${r.cameras} camera(s) on the chain` };
    })),
  );

  cmd('if-clear', 'IF_Clear: empty the camera buffers (resync after a timeout)').option('--broadcast', 'clear every camera on the chain').action((o: { broadcast?: boolean }, c: Command) =>
    run(() => withCamera(c, 'if-clear', async (api, id) => ({ value: await api.ptz.ifClear(id, { broadcast: !!o.broadcast }), summary: 'buffers cleared' }))),
  );

  cmd('version', 'vendor, model, ROM and sockets (version inquiry)').action((_o, c: Command) =>
    run(() => withCamera(c, 'version', async (api, id) => {
      const r = await api.ptz.version(id);
      const hex = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
      return { value: r, summary: `${r.vendorName ?? `vendor ${hex(r.vendor)}`} model ${hex(r.model)} ROM ${hex(r.rom)}, ${r.maxSocket} socket(s)` };
    })),
  );

  cmd('power', 'power on|off|status').argument('<action>', 'on, off or status').action((action: string, _o, c: Command) =>
    run(() => withCamera(c, 'power', async (api, id) => {
      const a = oneOf('power action', action, ['on', 'off', 'status'] as const);
      if (a === 'status') {
        const r = await api.ptz.powerStatus(id);
        return { value: r, summary: `power ${r.power}` };
      }
      return { value: await api.ptz.power(id, a === 'on'), summary: `power ${a}` };
    })),
  );

  cmd('move', 'drive in a direction, then stop')
    .argument('<direction>', PTZ_DIRECTIONS.join('|'))
    .option('--speed <p[,t]>', 'pan[,tilt] speed (VISCA 1..0x18 / 1..0x14, Pelco 0..0x3F)')
    .option('--ms <n>', 'how long to drive before stop (default 500)')
    .action((direction: string, o: { speed?: string; ms?: string }, c: Command) =>
      run(() => withCamera(c, 'move', async (api, id) => {
        const dir = oneOf('direction', direction, PTZ_DIRECTIONS) as PtzDirection;
        const ms = o.ms === undefined ? 500 : parseIntFlag('--ms', o.ms);
        if (ms < 0 || ms > 60_000) throw new UsageError('--ms must be 0..60000');
        const speeds = o.speed === undefined ? {} : parseSpeeds(o.speed);
        let drive: PtzOutcome;
        // Ctrl+C (or SIGTERM) ends the drive early with a stop: the deadman that would otherwise
        // stop the camera lives in this process, so dying here would leave it turning.
        let interrupted = false;
        let wake = (): void => undefined;
        const onSignal = (): void => {
          interrupted = true;
          wake();
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const started = Date.now();
        try {
          drive = await api.ptz.drive(id, { direction: dir, ...speeds, deadman: true });
          // Heartbeats keep the jog alive exactly as the UI does while a button is held.
          const end = started + ms;
          while (!interrupted && Date.now() < end) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, Math.min(HEARTBEAT_MS, end - Date.now()));
              wake = () => (clearTimeout(timer), resolve());
            });
            if (!interrupted) await api.ptz.heartbeat(id);
          }
        } catch (err) {
          // A failed drive or heartbeat still deserves a stop.
          await api.ptz.stop(id).catch(() => undefined);
          throw err;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        const stop = await api.ptz.stop(id);
        const drove = interrupted ? Date.now() - started : ms;
        return {
          value: { ...both(drive, stop), direction: dir, ms: drove, interrupted },
          summary: interrupted ? `moved ${dir} for ${drove} ms until interrupted, then stop` : `moved ${dir} for ${ms} ms, then stop`,
        };
      })),
    );

  cmd('stop', 'stop pan-tilt motion').action((_o, c: Command) => run(() => withCamera(c, 'stop', async (api, id) => ({ value: await api.ptz.stop(id), summary: 'stopped' }))));
  cmd('home', 'pan-tilt home').action((_o, c: Command) => run(() => withCamera(c, 'home', async (api, id) => ({ value: await api.ptz.home(id), summary: 'home' }))));
  cmd('reset', 'pan-tilt reset (re-initialise)').action((_o, c: Command) => run(() => withCamera(c, 'reset', async (api, id) => ({ value: await api.ptz.reset(id), summary: 'reset' }))));

  cmd('goto', 'absolute pan-tilt move')
    .requiredOption('--pan <n>', 'pan position (signed camera units)')
    .requiredOption('--tilt <n>', 'tilt position (signed camera units)')
    .option('--speed <p,t>', 'pan,tilt speed')
    .action((o: { pan: string; tilt: string; speed?: string }, c: Command) =>
      run(() => withCamera(c, 'goto', async (api, id) => {
        const pan = parseIntFlag('--pan', o.pan);
        const tilt = parseIntFlag('--tilt', o.tilt);
        const speeds = o.speed === undefined ? {} : parseSpeeds(o.speed);
        return { value: { ...(await api.ptz.goto(id, { pan, tilt, ...speeds })), pan, tilt }, summary: `at pan ${pan} tilt ${tilt}` };
      })),
    );

  cmd('zoom', 'zoom tele|wide|stop, or --to N')
    .argument('[action]', 'tele, wide or stop')
    .option('--speed <0-7>', 'variable zoom speed')
    .option('--to <n>', 'zoom direct to a position')
    .action((action: string | undefined, o: { speed?: string; to?: string }, c: Command) =>
      run(() => withCamera(c, 'zoom', async (api, id) => {
        if ((action === undefined) === (o.to === undefined)) throw new UsageError('zoom takes tele|wide|stop or --to N');
        if (o.to !== undefined) {
          const to = parseIntFlag('--to', o.to);
          return { value: { ...(await api.ptz.zoomTo(id, to)), zoom: to }, summary: `zoom at ${to}` };
        }
        const a = oneOf('zoom action', action as string, ['tele', 'wide', 'stop'] as const);
        const speed = o.speed === undefined ? undefined : parseIntFlag('--speed', o.speed);
        return { value: await api.ptz.zoom(id, speed === undefined ? { action: a } : { action: a, speed }), summary: `zoom ${a}` };
      })),
    );

  cmd('focus', 'focus auto|manual|far|near|stop|one-push, or --to N')
    .argument('[action]', 'auto, manual, far, near, stop or one-push')
    .option('--to <n>', 'focus direct to a position (manual focus)')
    .action((action: string | undefined, o: { to?: string }, c: Command) =>
      run(() => withCamera(c, 'focus', async (api, id) => {
        if ((action === undefined) === (o.to === undefined)) throw new UsageError('focus takes auto|manual|far|near|stop|one-push or --to N');
        if (o.to !== undefined) {
          const to = parseIntFlag('--to', o.to);
          return { value: { ...(await api.ptz.focusTo(id, to)), focus: to }, summary: `focus at ${to}` };
        }
        const a = oneOf('focus action', action as string, ['auto', 'manual', 'far', 'near', 'stop', 'one-push'] as const);
        return { value: await api.ptz.focus(id, { action: a }), summary: `focus ${a}` };
      })),
    );

  cmd('preset', 'preset set|recall|clear N')
    .argument('<action>', 'set, recall or clear')
    .argument('<n>', 'preset number')
    .action((action: string, n: string, _o, c: Command) =>
      run(() => withCamera(c, 'preset', async (api, id) => {
        const a = oneOf('preset action', action, ['set', 'recall', 'clear'] as const);
        const number = parseIntFlag('preset number', n);
        return { value: { ...(await api.ptz.preset(id, { action: a, number })), action: a, preset: number }, summary: `preset ${a} ${number}` };
      })),
    );

  cmd('position', 'pan, tilt, zoom, focus and focus mode').action((_o, c: Command) =>
    run(() => withCamera(c, 'position', async (api, id) => {
      const r = await api.ptz.position(id);
      return { value: r, summary: `pan ${r.pan}  tilt ${r.tilt}  zoom ${r.zoom}  focus ${r.focus} (${r.focusMode})` };
    })),
  );

  cmd('detect-baud', 'find the serial rate with the version inquiry (--serial only)').action((_o, c: Command) =>
    run(async () => {
      const o = c.optsWithGlobals<Flags>();
      const out = makeOut(!!o.json);
      const t = targetFromFlags(o);
      if (t.kind !== 'visca-serial') throw new UsageError('detect-baud needs --serial PATH');
      const timeoutMs = o.timeout === undefined ? undefined : parseIntFlag('--timeout', o.timeout);
      await withApi(o, async (api) => {
        try {
          const r = await api.ptz.detectBaud({ path: t.path, ...(t.address === undefined ? {} : { address: t.address }), ...(timeoutMs === undefined ? {} : { timeoutMs }) });
          out.result({ ok: true, command: 'detect-baud', ...r }, () => human(`${t.path}: ${r.baud} baud (tried ${r.tried.join(', ')})`, r));
        } catch (err) {
          const d = err instanceof FieldKitError ? (err.details as { camera?: string; frames?: PtzFrame[] } | undefined) : undefined;
          if (d?.camera) out.result({ ok: false, command: 'detect-baud', error: d.camera, message: (err as Error).message, frames: d.frames ?? [] }, () => '');
          throw err;
        }
      });
    }),
  );
}
