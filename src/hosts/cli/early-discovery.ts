/**
 * `fieldkit discover` puts its first probes on the wire before the rest of the CLI has loaded.
 *
 * Why: devices take up to half a second to answer a probe, and loading the whole core (every
 * service, the schemas, the database) takes a few hundred milliseconds more on a laptop. Started
 * in parallel, the two overlap. bin/fieldkit loads a small bundle of this file (dist/cli-early.mjs)
 * that opens a {@link DiscoveryWire} on the interfaces the command will use and sends the first
 * round of probes; replies wait in the wire. When the core's discovery service starts the scan or
 * watch it takes the wire (context.ts passes {@link takeEarlyWire}), checks it covers the same
 * interfaces and protocols, and parses the backlog with the replies' real arrival times.
 *
 * The early bundle and the main bundle are separate module graphs, so the wire is handed over
 * through one process-wide symbol. Only arguments this parser fully understands start it; anything
 * else (help, typos) leaves the CLI to report as usual.
 */
import { DISCOVERY_PROTOCOLS, type DiscoveryProtocolName } from '../../contract/discovery-protocols';
import { chooseInterfaces } from '../../discovery/interfaces';
import { DiscoveryWire } from '../../discovery/wire';
import { nodeUdpSocketFactory } from '../../platform/node/discovery-udp';
import { nodeNetworkInfo } from '../../platform/node/network-info';

const KEY = Symbol.for('fieldkit.cli.earlyDiscovery');

interface Slot {
  wire: DiscoveryWire;
  taken: boolean;
}

const slot = (): Slot | undefined => (globalThis as Record<symbol, Slot | undefined>)[KEY];

/** What the early parser took from `fieldkit ... discover ...`. */
export interface EarlyRequest {
  interfaces: string[];
  protocols: DiscoveryProtocolName[];
}

const GLOBAL_VALUE = new Set(['--data-dir']);
const GLOBAL_FLAG = new Set(['--json']);
const VALUE = new Set(['--timeout', '--iface', '--protocol', '--reprobe']);
const FLAG = new Set(['--watch']);

/**
 * The discover request in `argv` (without node and script), or null when `argv` is anything else
 * or holds an option this parser does not know: then nothing is sent early.
 */
export function parseEarlyRequest(argv: readonly string[]): EarlyRequest | null {
  const req: EarlyRequest = { interfaces: [], protocols: [] };
  let i = 0;
  const take = (name: string): [string, string | undefined] => {
    const eq = name.indexOf('=');
    return eq > 0 ? [name.slice(0, eq), name.slice(eq + 1)] : [name, undefined];
  };
  for (; i < argv.length && argv[i] !== 'discover'; i++) {
    const [name, inline] = take(argv[i]!);
    if (GLOBAL_FLAG.has(name) && inline === undefined) continue;
    if (!GLOBAL_VALUE.has(name)) return null;
    if (inline === undefined) i++;
  }
  if (argv[i] !== 'discover') return null;
  for (i++; i < argv.length; i++) {
    const [name, inline] = take(argv[i]!);
    if ((FLAG.has(name) || GLOBAL_FLAG.has(name)) && inline === undefined) continue;
    if (!VALUE.has(name) && !GLOBAL_VALUE.has(name)) return null;
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return null;
    if (name === '--iface') req.interfaces.push(value);
    if (name === '--protocol') {
      const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      if (list.length === 0 || list.some((p) => !(DISCOVERY_PROTOCOLS as readonly string[]).includes(p))) return null;
      req.protocols = DISCOVERY_PROTOCOLS.filter((p) => list.includes(p));
    }
  }
  if (req.protocols.length === 0) req.protocols = [...DISCOVERY_PROTOCOLS];
  return req;
}

/**
 * Opens the wire and sends the first probe round when `argv` is a discover command. Never throws:
 * whatever goes wrong here, the command itself opens its sockets as usual and reports.
 */
export async function startEarlyDiscovery(argv: readonly string[]): Promise<void> {
  const req = parseEarlyRequest(argv);
  if (!req || slot()) return;
  try {
    const choice = chooseInterfaces(await nodeNetworkInfo().listInterfaces(), req.interfaces);
    if (choice.chosen.length === 0) return;
    const wire = await DiscoveryWire.open({ udp: nodeUdpSocketFactory(), now: Date.now }, { interfaces: choice.chosen, protocols: req.protocols });
    (globalThis as Record<symbol, Slot>)[KEY] = { wire, taken: false };
    await wire.probe();
  } catch {
    await disposeEarlyDiscovery();
  }
}

/** The early wire, once; undefined when none was opened or it was taken already. */
export function takeEarlyWire(): DiscoveryWire | undefined {
  const s = slot();
  if (!s || s.taken) return undefined;
  s.taken = true;
  return s.wire;
}

/** Closes the early wire if the command never took it (help, a usage error), so the process can exit. */
export async function disposeEarlyDiscovery(): Promise<void> {
  const s = slot();
  if (s && !s.taken) {
    s.taken = true;
    await s.wire.close();
  }
}
