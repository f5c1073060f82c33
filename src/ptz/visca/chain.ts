import { ViscaAbortedError, ViscaProtocolError, ViscaTimeoutError } from './errors';
import type { ViscaLine } from './line';
import { addressSet, ifClearBroadcast } from './system';

/** Broadcast operations on a whole daisy chain. */

/**
 * Sends AddressSet (`88 30 01 FF`): each camera takes the next address and the controller gets
 * `88 30 0n FF` back. Resolves with the number of cameras (n - 1). Needed after wiring changes
 * or a network-change message; a chain that was never addressed answers nothing.
 */
export function assignAddresses(line: ViscaLine): Promise<number> {
  return new Promise((resolve, reject) => {
    line.submit({
      bytes: addressSet(),
      from: 'broadcast',
      timeoutMs: line.replyTimeoutMs,
      onReply: (r) => {
        if (r.type !== 'addressSet') return false;
        if (r.next < 1 || r.next > 8) reject(new ViscaProtocolError(`AddressSet came back with next address ${r.next} (expected 1..8)`));
        else resolve(r.next - 1);
        return true;
      },
      onTimeout: (ms) => reject(new ViscaTimeoutError('broadcast', 'reply', ms)),
      onAbort: reject,
    });
  });
}

/** IF_Clear broadcast (`88 01 00 01 FF`): every camera empties its buffers; resolves when it comes back. */
export function clearAll(line: ViscaLine): Promise<void> {
  return new Promise((resolve, reject) => {
    line.submit({
      bytes: ifClearBroadcast(),
      from: 'broadcast',
      timeoutMs: line.replyTimeoutMs,
      onReply: (r) => {
        if (r.type !== 'ifClearBroadcast') return false;
        line.clearedAll(new ViscaAbortedError('cleared by IF_Clear broadcast'));
        resolve();
        return true;
      },
      onTimeout: (ms) => reject(new ViscaTimeoutError('broadcast', 'reply', ms)),
      onAbort: reject,
    });
  });
}
