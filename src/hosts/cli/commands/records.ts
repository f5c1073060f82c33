import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { RecordLang } from '../../../contract';
import { withApi, type GlobalOptions } from '../context';
import { makeOut, table, UsageError } from '../output';

type Run = (fn: () => Promise<void>) => Promise<void>;

/** `fieldkit records list|export`: the commissioning records to hand over. */
export function registerRecordsCommands(program: Command, run: Run): void {
  const g = () => program.opts<GlobalOptions>();
  const records = program.command('records').description('commissioning records: list them, export a printable report or CSV');

  records
    .command('list')
    .description('records, newest first')
    .option('--site <name>', 'only this site')
    .action((o: { site?: string }) =>
      run(() =>
        withApi(g(), async (api) => {
          const list = await api.records.list({ ...(o.site ? { site: o.site } : {}), limit: 10_000 });
          makeOut(!!g().json).result({ records: list }, () =>
            list.length
              ? table([
                  ['ID', 'SITE', 'MAC', 'MODEL', 'ADDRESS', 'NAME', 'RESULT', 'DATE'],
                  ...list.map((r) => [String(r.id), r.site, r.mac, r.model || '-', r.networkAfter?.ip ?? '-', r.hostname ?? '-', r.ok ? 'ok' : 'FAILED', r.createdAt]),
                ])
              : 'No records.',
          );
        }),
      ),
    );

  records
    .command('export')
    .description('a printable HTML report or a CSV (formula-safe) of the records')
    .requiredOption('--format <format>', 'html or csv')
    .option('--site <name>', 'only this site')
    .option('--lang <lang>', 'report language: en or zh-CN', 'en')
    .option('--out <file>', 'write to this file (default: stdout)')
    .action((o: { format: string; site?: string; lang: string; out?: string }) =>
      run(async () => {
        if (o.format !== 'html' && o.format !== 'csv') throw new UsageError(`--format must be html or csv, not "${o.format}"`);
        if (o.lang !== 'en' && o.lang !== 'zh-CN') throw new UsageError(`--lang must be en or zh-CN, not "${o.lang}"`);
        await withApi(g(), async (api) => {
          const res = await api.records.export({ format: o.format as 'html' | 'csv', lang: o.lang as RecordLang, ...(o.site ? { site: o.site } : {}) });
          if (o.out) {
            const path = resolve(o.out);
            await writeFile(path, res.content, 'utf8');
            makeOut(!!g().json).result({ format: o.format, path, bytes: Buffer.byteLength(res.content) }, () => `written to ${path}`);
          } else if (g().json) makeOut(true).result(res, () => '');
          else process.stdout.write(res.content);
        });
      }),
    );
}
