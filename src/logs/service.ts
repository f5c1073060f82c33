import { FieldKitError } from '../contract/errors';
import type { Handlers } from '../contract';
import type { LogCapture } from './capture';
import { formatEntries } from './export';

/** The `logs` RPC handlers over a {@link LogCapture}. */
export function logsService(capture: LogCapture): Handlers['logs'] {
  return {
    start: (o) => capture.start(o),
    stop: async (ids) => ({ stopped: await capture.stop(ids) }),
    status: () => capture.status(),
    search: (q) => {
      const { limit = 100, offset = 0, order = 'newest', ...filter } = q ?? {};
      return capture.store.search(filter, { limit, offset, order });
    },
    get: (id) => {
      const e = capture.store.get(id);
      if (!e) throw new FieldKitError('not_found', `No log entry ${id} (it may have expired).`);
      return e;
    },
    export: ({ format, filter, afterId, limit }) => {
      const entries = capture.store.page(filter ?? {}, afterId, limit);
      const last = entries[entries.length - 1];
      return {
        format,
        content: formatEntries(entries, format, afterId === 0),
        count: entries.length,
        nextAfterId: entries.length === limit && last ? last.id : null,
      };
    },
    serialOpen: (o) => capture.openSerial(o),
    serialClose: async (path) => ({ closed: await capture.closeSerial(path) }),
    serialSend: async (path, text, o) => ({ bytes: await capture.sendSerial(path, text, o?.lineEnding ?? 'crlf') }),
    setRetention: (r) => capture.setRetention(r),
    rules: () => capture.rulesInfo(),
  };
}
