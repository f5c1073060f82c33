import { describe, expect, it } from 'vitest';
import { dropsInTable, procAddressHex } from '../../../src/platform/node/udp-drops';

// Lines captured from /proc/net/udp and /proc/net/udp6 (x86-64) for sockets bound to 127.0.0.1:46833
// and [::1]:49171; the drop counts were edited to be recognisable.
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
10070: 0100007F:B6F1 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 576180 2 00000000361340d9 1234
10071: 00000000:B6F1 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 576190 2 00000000361340da 7
`;
const UDP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
12408: 00000000000000000000000001000000:C013 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 576181 2 00000000018ae76d 42
`;

describe('kernel UDP drop counts from /proc', () => {
  it('encodes addresses as /proc shows them (32-bit words in host byte order)', () => {
    expect(procAddressHex('127.0.0.1', true)).toBe('0100007F');
    expect(procAddressHex('127.0.0.1', false)).toBe('7F000001');
    expect(procAddressHex('0.0.0.0', true)).toBe('00000000');
    expect(procAddressHex('::1', true)).toBe('00000000000000000000000001000000');
    expect(procAddressHex('::', true)).toBe('0'.repeat(32));
    expect(procAddressHex('fe80::1:2', true)).toBe('000080FE000000000000000002000100');
    for (const bad of ['1.2.3', '256.0.0.1', '1::2::3', 'cam.local', '1:2:3:4:5:6:7:8:9']) expect(procAddressHex(bad, true)).toBeNull();
  });

  it('finds the socket by local address and port, and reads its drops', () => {
    expect(dropsInTable(UDP, '0100007F', 46833)).toBe(1234);
    expect(dropsInTable(UDP, '00000000', 46833)).toBe(7);
    expect(dropsInTable(UDP, '0100007F', 46834)).toBeNull();
    expect(dropsInTable(UDP6, '00000000000000000000000001000000', 49171)).toBe(42);
    expect(dropsInTable('', '0100007F', 46833)).toBeNull();
  });
});
