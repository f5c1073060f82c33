import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AlarmFilter, AlarmImportReport, AlarmItem } from '../../../contract';
import { ALARM_IMPORT_FORMATS, ALARM_KINDS } from '../../../contract/alarms';
import { createClient } from '../../../rpc/client';
import { memoryTransportPair } from '../../../rpc/memory-transport';
import { openCore, withApi, type GlobalOptions } from '../context';
import { makeOut, table, UsageError } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

const LIST_STATES = ['active', 'acked', 'cleared', 'event', 'all'] as const;

function parseInteger(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(`${flag} must be a whole number ${min}..${max}, not "${v}"`);
  return n;
}

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; not "${v}"`);
  return v as T;
}

/**
 * `2026-03-01T10:00:00+08:00` (kept with its offset), `2026-03-01` (midnight UTC),
 * or an age: `30m`, `2h`, `7d`.
 */
export function parseAlarmTimeFlag(flag: string, v: string, now = Date.now()): string {
  const rel = /^(\d+)\s*(s|m|h|d)$/.exec(v.trim());
  if (rel) {
    const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[rel[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now - Number(rel[1]) * unit).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) return `${v}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) && !Number.isNaN(Date.parse(v))) return v;
  throw new UsageError(`${flag} must be an ISO time with offset (2026-03-01T10:00:00+08:00), a date (2026-03-01) or an age like 2h, 7d; not "${v}"`);
}

interface FilterFlags {
  state?: string;
  kind?: string;
  device?: string[];
  type?: string[];
  since?: string;
  until?: string;
  text?: string;
}

function filterFrom(o: FilterFlags): AlarmFilter {
  const f: AlarmFilter = {};
  if (o.state) f.state = oneOf('--state', o.state, LIST_STATES);
  if (o.kind) f.kind = oneOf('--kind', o.kind, ALARM_KINDS);
  if (o.device?.length) f.devices = o.device;
  if (o.type?.length) f.types = o.type;
  if (o.since) f.since = parseAlarmTimeFlag('--since', o.since);
  if (o.until) f.until = parseAlarmTimeFlag('--until', o.until);
  if (o.text) f.text = o.text;
  return f;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function withFilterOptions(cmd: Command): Command {
  return cmd
    .option('--state <state>', `active | acked | cleared | event | all (default all)`)
    .option('--kind <kind>', 'alarm | event')
    .option('--device <name>', 'only this device (repeatable)', collect)
    .option('--type <type>', 'only this type (repeatable)', collect)
    .option('--since <time>', 'from this time: ISO with offset, a date, or an age (2h, 7d)')
    .option('--until <time>', 'up to this time')
    .option('--text <query>', 'text in device, type or message');
}

/** The list item shape the issue fixes for `alarms list --json`. */
function listItem(i: AlarmItem) {
  return {
    id: i.id,
    device: i.device,
    kind: i.kind,
    type: i.type,
    severity: i.severity,
    state: i.state,
    raisedAt: i.raisedAt,
    clearedAt: i.clearedAt,
    ackedAt: i.ackedAt,
    seId: i.seId,
    message: i.message,
  };
}

function describeReport(r: AlarmImportReport): string {
  const lines = [
    `${r.file} (${r.format}): read ${r.read}, imported ${r.imported}, duplicates ${r.duplicates}, skipped ${r.skipped}, rejected ${r.rejected.length}` +
      (r.orphanClears ? `, orphan clears ${r.orphanClears}` : '') +
      (r.timeFlagged ? `, suspicious times ${r.timeFlagged}` : '') +
      (r.refused ? ' — REFUSED, nothing imported' : ''),
  ];
  for (const x of r.rejected.slice(0, 20)) lines.push(`  line ${x.line}: ${x.reason}`);
  if (r.rejected.length > 20) lines.push(`  … ${r.rejected.length - 20} more (use --json)`);
  for (const g of r.gaps.slice(0, 20)) lines.push(`  gap ${g.device}: op_id ${g.from}..${g.to} missing`);
  return lines.join('\n');
}

export function registerAlarmsCommands(program: Command, run: Run): void {
  const g = () => program.opts<GlobalOptions>();
  const out = () => makeOut(!!g().json);
  const alarms = program.command('alarms').description('offline alarm review: import, list, show, acknowledge, sync state, export');

  alarms
    .command('import')
    .description('import one file (FieldKit JSONL/CSV, ONVIF notification XML, Hikvision ISAPI alerts) in one transaction')
    .argument('<file>', 'the file to import')
    .option('--format <format>', `${ALARM_IMPORT_FORMATS.join(' | ')} (default auto)`)
    .option('--device <name>', 'device name for records that do not carry one (ONVIF without a producer address)')
    .option('--strict', 'import nothing when any record is rejected')
    .action((file: string, o: { format?: string; device?: string; strict?: boolean }) =>
      run(async () => {
        const format = o.format ? oneOf('--format', o.format, ALARM_IMPORT_FORMATS) : 'auto';
        const { core, api, close } = openCore(g());
        // A second connection only to hear progress events (stderr), like any other client would.
        const [a, b] = memoryTransportPair();
        const disconnect = core.server.connect(a);
        const events = createClient(b);
        let lastPhase = '';
        const off = events.on('alarms.importProgress', (p) => {
          if (p.phase === lastPhase && p.phase !== 'applying') return;
          lastPhase = p.phase;
          out().progress(`${p.file}: ${p.phase}${p.phase === 'applying' ? ` ${p.done}/${p.total}` : ''}`);
        });
        try {
          const report = await api.alarms.importFile(resolve(file), { format, device: o.device, strict: !!o.strict });
          out().result(report, () => describeReport(report));
          if (report.refused) throw new Error(`${file}: ${report.rejected.length} record(s) rejected; nothing imported (--strict)`);
        } finally {
          off();
          events.close();
          disconnect();
          await close();
        }
      }),
    );

  withFilterOptions(alarms.command('list').description('alarm instances and events, newest first'))
    .option('--limit <n>', 'at most this many rows (default 100)')
    .option('--sort <column>', 'time | severity | device | type | state')
    .action((o: FilterFlags & { limit?: string; sort?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          const filter = filterFrom(o);
          const limit = o.limit ? parseInteger('--limit', o.limit, 1, 10_000) : 100;
          const sort = o.sort ? oneOf('--sort', o.sort, ['time', 'severity', 'device', 'type', 'state'] as const) : 'time';
          const page = await api.alarms.list(filter, { limit, sort });
          out().result({ total: page.total, items: page.items.map(listItem) }, () =>
            page.items.length
              ? `${table([
                  ['ID', 'DEVICE', 'KIND', 'TYPE', 'SEVERITY', 'STATE', 'RAISED', 'CLEARED', 'MESSAGE'],
                  ...page.items.map((i) => [String(i.id), i.device, i.kind, i.type, i.severity, i.state, i.raisedAt ?? '-', i.clearedAt ?? '-', i.message]),
                ])}\n${page.items.length} of ${page.total}`
              : 'No alarms match.',
          );
        }),
      ),
    );

  alarms
    .command('show')
    .description('one alarm with its flow records, operations and timeline')
    .argument('<id>', 'alarm id (from list)')
    .action((id: string) =>
      run(() =>
        withApi(g(), async (api) => {
          const d = await api.alarms.get(parseInteger('id', id, 1, Number.MAX_SAFE_INTEGER));
          out().result(d, () =>
            [
              `#${d.id} ${d.kind} ${d.type} on ${d.device} — ${d.severity}, ${d.state}${d.flags.length ? ` [${d.flags.join(', ')}]` : ''}`,
              `message: ${d.message}`,
              d.seId ? `se_id:   ${d.seId}` : '',
              'timeline:',
              ...d.timeline.map((s) => `  ${s.at}  ${s.step}${s.by ? ` by ${s.by}` : ''}${s.sincePreviousMs !== null ? ` (+${Math.round(s.sincePreviousMs / 1000)}s)` : ''}`),
              'flow:',
              ...d.flow.map((f) => `  ${f.opId} (${f.origin}) ${f.action} ${f.time} ${f.message}`),
              ...(d.operations.length ? ['operations:', ...d.operations.map((o) => `  ${o.at} ${o.op} by ${o.by}${o.note ? `: ${o.note}` : ''}`)] : []),
            ]
              .filter(Boolean)
              .join('\n'),
          );
        }),
      ),
    );

  alarms
    .command('ack')
    .description('acknowledge one or more alarms with your name and an optional note')
    .argument('<ids...>', 'alarm ids')
    .requiredOption('--by <name>', 'who acknowledges')
    .option('--note <text>', 'a note kept with the acknowledgement')
    .action((ids: string[], o: { by: string; note?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          const list = ids.map((i) => parseInteger('id', i, 1, Number.MAX_SAFE_INTEGER));
          const res = await api.alarms.ack({ ids: list, by: o.by, note: o.note });
          out().result(res, () =>
            [
              `acknowledged: ${res.acked.join(', ') || 'none'}`,
              res.alreadyAcked.length ? `already acknowledged: ${res.alreadyAcked.join(', ')}` : '',
              res.notFound.length ? `not found: ${res.notFound.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          );
          if (res.notFound.length) throw new Error(`no alarm with id ${res.notFound.join(', ')}`);
        }),
      ),
    );

  alarms
    .command('sync-status')
    .description('last op_id and missing op_id ranges per device')
    .option('--device <name>', 'only this device')
    .action((o: { device?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          // An absent argument, not `undefined`: JSON turns that into null, which the schema refuses.
          const list = await (o.device ? api.alarms.syncStatus({ device: o.device }) : api.alarms.syncStatus());
          out().result(
            list.map((s) => ({ device: s.device, lastOpId: s.lastOpId, gaps: s.gaps })),
            () =>
              list.length
                ? table([
                    ['DEVICE', 'LAST OP_ID', 'RECORDS', 'DUPLICATES', 'GAPS'],
                    ...list.map((s) => [s.device, s.lastOpId === null ? '-' : String(s.lastOpId), String(s.records), String(s.duplicates), s.gaps.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(' ') || 'none']),
                  ])
                : 'No devices have sent alarms yet.',
          );
        }),
      ),
    );

  withFilterOptions(alarms.command('export').description('export the filtered alarms as CSV (formula-safe) or a printable HTML report'))
    .requiredOption('--format <format>', 'csv | html')
    .option('--out <file>', 'write to this file (default: stdout)')
    .action((o: FilterFlags & { format: string; out?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          const format = oneOf('--format', o.format, ['csv', 'html'] as const);
          const filter = filterFrom(o);
          if (o.out) {
            const res = await api.alarms.export({ format, filter, path: resolve(o.out) });
            out().result({ format, rows: res.rows, path: res.path }, () => `${res.rows} row(s) written to ${res.path}`);
          } else {
            const res = await api.alarms.export({ format, filter });
            if (g().json) out().result(res, () => '');
            else process.stdout.write(res.content ?? '');
          }
        }),
      ),
    );
}
