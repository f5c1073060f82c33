import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tryNormaliseMac } from '../../discovery/protocols/mac';
import { isIPv4 } from '../../discovery/protocols/values';
import type { NeighbourEntry, NeighbourTable } from '../discovery-ports';

const ATF_COM = 0x2; // entry complete: the MAC is known

function entry(ip: string | undefined, rawMac: string | undefined, iface: string | null): NeighbourEntry | undefined {
  const mac = rawMac === undefined ? undefined : tryNormaliseMac(rawMac);
  if (!isIPv4(ip) || !mac || mac === '00:00:00:00:00:00' || mac === 'ff:ff:ff:ff:ff:ff') return undefined;
  return { ip, mac, iface };
}

/** Parses Linux /proc/net/arp; incomplete entries are skipped. */
export function parseProcNetArp(text: string): NeighbourEntry[] {
  const out: NeighbourEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [ip, , flags, mac, , dev] = line.trim().split(/\s+/);
    if (!flags || (Number.parseInt(flags, 16) & ATF_COM) === 0) continue;
    const e = entry(ip, mac, dev ?? null);
    if (e) out.push(e);
  }
  return out;
}

/** Parses Windows `arp -a` (any language: only the address columns are read). */
export function parseArpA(text: string): NeighbourEntry[] {
  const out: NeighbourEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [ip, mac] = line.trim().split(/\s+/);
    const e = entry(ip, mac, null);
    if (e) out.push(e);
  }
  return out;
}

/** Parses `Get-NetNeighbor | ConvertTo-Csv` with columns IPAddress, LinkLayerAddress, InterfaceAlias, State. */
export function parseNetNeighborCsv(text: string): NeighbourEntry[] {
  const out: NeighbourEntry[] = [];
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(',').map((c) => c.trim().replace(/^"|"$/g, '')));
  const header = rows.shift()?.map((h) => h.toLowerCase()) ?? [];
  const col = (name: string): number => header.indexOf(name.toLowerCase());
  const [ipI, macI, ifI, stI] = [col('IPAddress'), col('LinkLayerAddress'), col('InterfaceAlias'), col('State')];
  if (ipI < 0 || macI < 0) return out;
  for (const r of rows) {
    if (stI >= 0 && /^(unreachable|incomplete)$/i.test(r[stI] ?? '')) continue;
    const e = entry(r[ipI], r[macI], ifI >= 0 ? (r[ifI] ?? null) : null);
    if (e) out.push(e);
  }
  return out;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { windowsHide: true, timeout: 5000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** The OS neighbour table: /proc/net/arp on Linux (per network namespace), Get-NetNeighbor or arp -a on Windows. */
export function nodeNeighbourTable(platform: NodeJS.Platform = process.platform): NeighbourTable {
  return {
    async list() {
      try {
        if (platform === 'linux') return parseProcNetArp(await readFile('/proc/net/arp', 'utf8'));
        if (platform === 'win32') {
          try {
            const csv = await run('powershell.exe', [
              '-NoProfile', '-NonInteractive', '-Command',
              'Get-NetNeighbor -AddressFamily IPv4 | Select-Object IPAddress,LinkLayerAddress,InterfaceAlias,State | ConvertTo-Csv -NoTypeInformation',
            ]);
            return parseNetNeighborCsv(csv);
          } catch {
            return parseArpA(await run('arp', ['-a']));
          }
        }
        return [];
      } catch {
        // No table is not an error: devices simply keep an unknown MAC.
        return [];
      }
    },
  };
}
