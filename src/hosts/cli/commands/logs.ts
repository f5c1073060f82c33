import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Api, LogEntry, LogFilter, LogStatus } from '../../../contract';
import { formatEntries } from '../../../logs/export';
import { createClient } from '../../../rpc/client';
import { memoryTransportPair } from '../../../rpc/memory-transport';
import { openCore, withApi, type GlobalOptions } from '../context';
import { parseAlarmTime } from '../../../alarms/time';
import { makeOut, table, UsageError, whenStdoutCloses } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

function parsePort(flag: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new UsageError(`${flag} must be a port 0..65535, not "${v}"`);
  return n;
}

function parseInteger(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`${flag} must be a whole number ${min}..${max}, not "${v}"`);
  return n;
}

/** `2026-03-01T10:00:00+08:00`, `2026-03-01`, or relative to now: `30s`, `15m`, `2h`, `7d`. */
export function parseTime(flag: string, v: string, now = Date.now()): string {
  const rel = /^(\d+)\s*(s|m|h|d)$/.exec(v.trim());
  if (rel) {
    const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[rel[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now - Number(rel[1]) * unit).toISOString();
  }
  // Strict, as the core parses it: Date.parse would roll 2026-02-30 into March and read an
  // offset-less time in this laptop's zone while the camera logged in its own.
  const t = parseAlarmTime(v);
  if (typeof t === 'string') throw new UsageError(`${flag} must be an ISO time with its offset (2026-03-01T10:00:00Z) or an age like 15m, 2h, 7d: ${t}`);
  return new Date(t.ms).toISOString();
}

function parseSeverity(v: string): string | number {
  if (/^[0-7]$/.test(v)) return Number(v);
  const s = v.toLowerCase();
  const alias: Record<string, string> = { error: 'err', warn: 'warning', emergency: 'emerg', critical: 'crit', panic: 'emerg' };
  const name = alias[s] ?? s;
  if (!SEVERITIES.includes(name)) throw new UsageError(`--severity must be 0..7 or one of ${SEVERITIES.join(', ')}; not "${v}"`);
  return name;
}

interface FilterFlags {
  host?: string;
  source?: string;
  severity?: string;
  since?: string;
  until?: string;
}

function filterFrom(text: string | undefined, o: FilterFlags): LogFilter {
  const f: LogFilter = {};
  if (text) f.text = text;
  if (o.host) f.host = o.host;
  if (o.source) f.source = o.source;
  if (o.severity) f.severity = parseSeverity(o.severity) as LogFilter['severity'];
  if (o.since) f.since = parseTime('--since', o.since);
  if (o.until) f.until = parseTime('--until', o.until);
  return f;
}

function withFilterFlags(c: Command): Command {
  return c
    .option('--host <h>', 'only this HOSTNAME field')
    .option('--source <addr>', 'only this source address (or address:port, or serial label)')
    .option('--severity <level>', 'this severity or worse: 0..7 or emerg, alert, crit, err, warning, notice, info, debug')
    .option('--since <t>', 'received at or after: ISO time or an age like 15m, 2h, 7d')
    .option('--until <t>', 'received at or before: ISO time or an age');
}

/** The `logs search --json` entry shape from the issue (names for facility and severity). */
function searchItem(e: LogEntry) {
  return {
    id: e.id, receivedAt: e.receivedAt, time: e.time, source: e.source, host: e.host, app: e.app, procid: e.procid,
    msgid: e.msgid, facility: e.facilityName, severity: e.severityName, structured: e.structured, message: e.message,
  };
}

function summary(s: LogStatus) {
  return { received: s.counts.received, stored: s.counts.stored, dropped: s.counts.dropped, malformed: s.counts.malformed };
}

async function listen(
  g: GlobalOptions,
  o: { udp?: string; tcp?: string; bind: string; serial?: string; baud: string; name?: string },
): Promise<void> {
  const out = makeOut(!!g.json);
  const baudRate = parseInteger('--baud', o.baud, 50, 4_000_000);
  const wantNet = o.udp !== undefined || o.tcp !== undefined;
  // Nothing chosen: listen for syslog on the usual unprivileged port over both transports.
  const udpPort = o.udp !== undefined ? parsePort('--udp', o.udp) : !wantNet && !o.serial ? 5514 : undefined;
  const tcpPort = o.tcp !== undefined ? parsePort('--tcp', o.tcp) : !wantNet && !o.serial ? 5514 : undefined;
  const { core, api, close } = openCore(g);
  const [a, b] = memoryTransportPair();
  const disconnect = core.server.connect(a);
  const tail = createClient(b);
  // Signals may arrive while starting; the summary still follows.
  let stopRequested: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  process.once('SIGINT', () => stopRequested());
  process.once('SIGTERM', () => stopRequested());
  // `fieldkit logs listen | head` : when the reader goes away, stop like Ctrl+C (flush, summary on
  // stderr) instead of dying of EPIPE with the write queue unflushed.
  let stdoutGone = false;
  whenStdoutCloses(() => {
    stdoutGone = true;
    stopRequested();
  });
  try {
    if (!out.json) tail.on('logs.entries', (ev) => void (stdoutGone || process.stdout.write(formatEntries(ev.entries, 'txt', false))));
    if (udpPort !== undefined || tcpPort !== undefined) {
      const ls = await api.logs.start({ udpPort, tcpPort, bind: o.bind });
      for (const l of ls) out.progress(`fieldkit: listening on ${l.transport} ${l.address}:${l.port}`);
    }
    if (o.serial) {
      const p = await api.logs.serialOpen({ path: o.serial, baudRate, name: o.name });
      out.progress(`fieldkit: capturing serial ${p.path} at ${p.baudRate} baud as "${p.name}"`);
    }
    out.progress('fieldkit: press Ctrl+C to stop');
    await stopped;
    await api.logs.stop();
    if (o.serial) await api.logs.serialClose(o.serial);
    const s = await api.logs.status();
    // Let the last live-tail event through before the summary.
    await new Promise((r) => setTimeout(r, 300));
    const c = summary(s);
    const line = `received ${c.received}, stored ${c.stored}, dropped ${c.dropped}, malformed ${c.malformed}`;
    if (stdoutGone) process.stderr.write(`fieldkit: output closed; ${line}\n`);
    else out.result(c, () => line);
  } finally {
    tail.close();
    disconnect();
    await close();
  }
}

async function exportTo(api: Api, format: 'jsonl' | 'csv' | 'txt', filter: LogFilter, write: (s: string) => Promise<void>): Promise<number> {
  let afterId = 0;
  let count = 0;
  for (;;) {
    const page = await api.logs.export({ format, filter, afterId, limit: 5000 });
    if (page.content) await write(page.content);
    count += page.count;
    if (page.nextAfterId === null) return count;
    afterId = page.nextAfterId;
  }
}

export function registerLogsCommands(program: Command, run: Run): void {
  const g = () => program.opts<GlobalOptions>();
  const logs = program.command('logs').description('capture, search and export syslog and serial console logs');

  logs
    .command('listen')
    .description('capture syslog (UDP/TCP) and/or a serial console until Ctrl+C, then print a summary')
    .option('--udp <port>', 'UDP port (default 5514 when no source is given; 0 = any free port)')
    .option('--tcp <port>', 'TCP port (default 5514 when no source is given)')
    .option('--bind <addr>', 'address to listen on', '0.0.0.0')
    .option('--serial <path>', 'serial port to capture, e.g. /dev/ttyUSB0')
    .option('--baud <n>', 'serial speed', '115200')
    .option('--name <label>', 'label for the serial console (default: its path)')
    .addHelpText('after', '\n--json prints {"received","stored","dropped","malformed"} when stopped.')
    .action((o: { udp?: string; tcp?: string; bind: string; serial?: string; baud: string; name?: string }) => run(() => listen(g(), o)));

  withFilterFlags(
    logs
      .command('search [text]')
      .description('search stored entries (words must all appear; CJK text matches anywhere)')
      .option('--limit <n>', 'most entries to print', '50')
      .option('--offset <n>', 'skip this many (paging)', '0'),
  ).action((text: string | undefined, o: FilterFlags & { limit: string; offset: string }) =>
    run(() =>
      withApi(g(), async (api) => {
        const limit = parseInteger('--limit', o.limit, 1, 1000);
        const offset = parseInteger('--offset', o.offset, 0, 10_000_000);
        const r = await api.logs.search({ ...filterFrom(text, o), limit, offset });
        makeOut(!!g().json).result({ total: r.total, entries: r.entries.map(searchItem) }, () =>
          r.entries.length
            ? `${table([
                ['ID', 'RECEIVED', 'SOURCE', 'SEVERITY', 'HOST', 'APP', 'MESSAGE'],
                ...r.entries.map((e) => [String(e.id), e.receivedAt, e.source, e.severityName ?? '-', e.host ?? '-', e.app ?? '-', e.message.slice(0, 200)]),
              ])}\n${r.entries.length} of ${r.total}`
            : `No entries (of ${r.total}).`,
        );
      }),
    ),
  );

  withFilterFlags(
    logs
      .command('export [text]')
      .description('export entries (oldest first) as JSON lines, CSV or text')
      .requiredOption('--format <f>', 'jsonl, csv or txt')
      .option('--out <file>', 'write to this file (default: stdout)'),
  ).action((text: string | undefined, o: FilterFlags & { format: string; out?: string }) =>
    run(async () => {
      if (!['jsonl', 'csv', 'txt'].includes(o.format)) throw new UsageError(`--format must be jsonl, csv or txt, not "${o.format}"`);
      if (g().json && !o.out) throw new UsageError('--json needs --out (without it the export itself goes to stdout)');
      const format = o.format as 'jsonl' | 'csv' | 'txt';
      const filter = filterFrom(text, o);
      await withApi(g(), async (api) => {
        if (!o.out) {
          const count = await exportTo(api, format, filter, (s) => new Promise((r) => (process.stdout.write(s) ? r() : process.stdout.once('drain', r))));
          process.stderr.write(`fieldkit: exported ${count} entries\n`);
          return;
        }
        const fh = await open(o.out, 'w');
        let count;
        try {
          count = await exportTo(api, format, filter, async (s) => void (await fh.write(s)));
        } finally {
          await fh.close();
        }
        makeOut(!!g().json).result({ format, count, out: o.out }, () => `Exported ${count} entries to ${o.out}.`);
      });
    }),
  );
}
