// Observations and a registry for the DeviceRegistry unit tests (not a test file itself).
import type { Observation } from '../../../src/discovery/observation';
import { DeviceRegistry } from '../../../src/discovery/registry';

/** The laptop's own address: 192.168.1.10/24 on eth0. */
const LAPTOP = [{ address: '192.168.1.10', prefix: 24, iface: 'eth0' }];
let clock = 1_700_000_000_000;

/** A reply from 192.168.1.64 on eth0, one second after the previous observation; `o` overrides. */
export function obs(o: Partial<Observation> & Pick<Observation, 'protocol'>): Observation {
  return { cause: 'reply', at: (clock += 1000), ip: '192.168.1.64', iface: 'eth0', fields: {}, ...o };
}

/** Moves the observation clock on, as if a quiet stretch passed before the next observation. */
export function advanceClock(ms: number): void {
  clock += ms;
}

/** An empty registry that knows the laptop's address. */
export function registry(): DeviceRegistry {
  const r = new DeviceRegistry();
  r.setLaptopAddresses(LAPTOP);
  return r;
}
