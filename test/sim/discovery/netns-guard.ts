import { readdirSync, readlinkSync, statSync } from 'node:fs';

/**
 * Network safety rail for the simulators: outside a network namespace a test created, they may
 * talk to loopback only and must never multicast.
 */

const NAMED_NETNS_DIR = '/run/netns';

/**
 * True unless this process is provably inside a named network namespace (`ip netns add`), i.e.
 * its netns inode equals one bind-mounted under /run/netns and differs from init's when that is
 * readable (/proc/1/ns is often not, even for root in a container).
 */
export function inRootNetns(): boolean {
  try {
    const self = statSync('/proc/self/ns/net').ino;
    try {
      if (readlinkSync('/proc/1/ns/net') === readlinkSync('/proc/self/ns/net')) return true;
    } catch {
      // Unreadable: rely on the named-namespace check alone.
    }
    return !readdirSync(NAMED_NETNS_DIR).some((name) => {
      try {
        return statSync(`${NAMED_NETNS_DIR}/${name}`).ino === self;
      } catch {
        return false;
      }
    });
  } catch {
    // Cannot prove we are isolated: behave as if we were not.
    return true;
  }
}

/** True for 127.0.0.0/8. */
export function isLoopback(address: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Throws unless sending to `address` is allowed from this namespace. */
export function assertSafeDestination(address: string, rootNetns: boolean): void {
  if (rootNetns && !isLoopback(address)) {
    throw new Error(`refusing to send to ${address} from the root network namespace (loopback only)`);
  }
}

/** Throws unless multicast is allowed for a simulator bound to `ip`. */
export function assertMulticastAllowed(ip: string, rootNetns: boolean): void {
  if (isLoopback(ip)) throw new Error(`multicast is not available on loopback address ${ip}: set multicast false`);
  if (rootNetns) throw new Error('refusing to multicast in the root network namespace: run the simulator inside a lab namespace');
}
