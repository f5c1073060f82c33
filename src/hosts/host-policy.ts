import { FieldKitError } from '../contract/errors';
import type { Handlers, HostKind } from '../contract';

/**
 * Methods that read or write files by a path on the laptop are for the CLI,
 * which runs as the technician in a shell anyway. Over the browser host (any
 * holder of the token) or from the desktop renderer they would turn the UI
 * into a way to read or overwrite any file of the user, so there the page
 * uploads content (importText) and downloads exports instead.
 */
export function withHostFilePolicy(alarms: Handlers['alarms'], host: HostKind): Handlers['alarms'] {
  if (host === 'cli') return alarms;
  const refuse = (what: string) =>
    new FieldKitError('permission_denied', `${what} by a path on this computer is only available from the fieldkit CLI; use the page's upload or download.`);
  return {
    ...alarms,
    importFile: () => {
      throw refuse('Importing a file');
    },
    export: (req) => {
      if (req.path !== undefined) throw refuse('Exporting to a file');
      return alarms.export(req);
    },
  };
}
