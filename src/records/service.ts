import type { Handlers } from '../contract';
import { recordsCsv } from './csv';
import { recordsHtml } from './html';
import type { RecordsStore } from './store';

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'site';

/** `records.*`: list and export commissioning records. */
export function recordsService(deps: { store: RecordsStore; now: () => number }): Handlers['records'] {
  return {
    list: (o) => deps.store.list({ site: o?.site, limit: o?.limit ?? 1000 }),
    sites: () => deps.store.sites(),
    export({ format, site, lang }) {
      // Oldest first reads like a work log.
      const records = deps.store.list({ site, limit: 10_000 }).reverse();
      const at = new Date(deps.now()).toISOString();
      const base = `fieldkit-records-${slug(site ?? 'all')}-${at.slice(0, 10)}`;
      if (format === 'csv') return { filename: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', content: recordsCsv(records, lang) };
      return { filename: `${base}.html`, mimeType: 'text/html; charset=utf-8', content: recordsHtml(records, { lang, site: site ?? null, generatedAt: at }) };
    },
  };
}
