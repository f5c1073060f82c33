import type { ArpReply } from '../netconfig';

/**
 * Replies in iputils arping output:
 * `Unicast reply from 198.51.100.10 [02:00:00:00:00:01]  0.620ms`.
 * Every distinct (ip, mac) once, in order of first reply.
 */
export function parseArpingReplies(stdout: string): ArpReply[] {
  const seen = new Set<string>();
  const out: ArpReply[] = [];
  for (const m of stdout.matchAll(/reply from (\d{1,3}(?:\.\d{1,3}){3}) \[([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\]/g)) {
    const r = { ip: m[1]!, mac: m[2]!.toLowerCase() };
    const key = `${r.ip} ${r.mac}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}
