import { describe, expect, it } from 'vitest';
import { formatEntries } from '../../../src/logs/export';
import { entryFromSyslog } from '../../../src/logs/entry';
import { parseSyslog } from '../../../src/logs/parse';
import { storedEntry } from '../../../src/logs/store/rows';
import { entry } from './helpers';

describe('txt export keeps one entry per line', () => {
  it('an RFC 5424 datagram with a newline inside HOSTNAME cannot forge a second line', () => {
    const datagram = Buffer.from('<34>1 2026-03-01T10:00:00Z cam\n2026-03-01T10:00:01.000Z 10.0.0.9:514 <auth.crit> forged sshd - - - real message');
    const m = parseSyslog(datagram, { received: new Date('2026-03-01T10:00:00Z') });
    const e = storedEntry(entryFromSyslog(m, { transport: 'udp', address: '10.0.0.5', port: 514, device: null }, Date.parse('2026-03-01T10:00:00Z')), 1);
    const out = formatEntries([e], 'txt', false);
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(out).toContain(' cam\\n2026-03-01T10:00:01.000Z');
  });

  it('escapes control characters in host, app, procid and source as in the message', () => {
    const e = storedEntry(entry({ host: 'h\r\nx', app: 'a\x1bb', procid: '1\n2', source: 'tty\x00S0', message: 'm\x07' }), 1);
    expect(formatEntries([e], 'txt', false)).toBe('2026-03-01T10:00:00.000Z tty\\x00S0 <kern.info> h\\r\\nx a\\x1bb[1\\n2]: m\\x07\n');
  });
});
