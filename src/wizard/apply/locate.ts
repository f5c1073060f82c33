import { FieldKitError } from '../../contract/errors';
import { chooseIface } from '../../net/choose-iface';
import { arpAll, presentBehindPin, sighting } from './arp';
import type { ApplyDeps } from './deps';

/** The first of `candidates` where `mac` answers ARP, or null. Tried in order, each once. */
export async function locate(deps: ApplyDeps, iface: string, mac: string, candidates: readonly string[]): Promise<string | null> {
  for (const ip of candidates) {
    const replies = await arpAll(deps.net, iface, ip, mac);
    if (replies.some((r) => r.mac === mac)) return ip;
    // Two or more others answered: arping may have stopped before ours did.
    if (replies.length >= 2 && (await presentBehindPin(deps, iface, ip, mac, () => deps.answers(`http://${ip}/onvif/device_service`)))) {
      deps.seen.add(sighting(ip, mac));
      return ip;
    }
  }
  return null;
}

/** The laptop interface to work on: the named one, else the only physical NIC. */
export async function workIface(deps: ApplyDeps, named: string | null): Promise<string> {
  try {
    return await chooseIface(deps.info, named ?? undefined);
  } catch (err) {
    if (err instanceof FieldKitError && !named) {
      throw new FieldKitError('invalid_input', `${err.message.replace(/ with --iface/, '')} — choose the laptop interface for the wizard (--iface).`);
    }
    throw err;
  }
}

/** Candidate addresses, in order, without repeats or blanks. */
export function candidateList(...groups: (readonly (string | null | undefined)[])[]): string[] {
  return [...new Set(groups.flat().filter((x): x is string => !!x))];
}
