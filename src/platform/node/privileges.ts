import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { NetworkPrivilege } from '../../contract';
import type { PrivilegeProbe } from '../ports';

const CAP_NET_ADMIN = 12n;

/** Parses CapEff from /proc/self/status and tells whether CAP_NET_ADMIN is in it. */
export function hasNetAdmin(procStatus: string): boolean {
  const m = /^CapEff:\s*([0-9a-f]+)\s*$/im.exec(procStatus);
  if (!m) return false;
  return ((BigInt(`0x${m[1]}`) >> CAP_NET_ADMIN) & 1n) === 1n;
}

function findOnPath(bin: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d && existsSync(`${d}/${bin}`));
}

/** Linux: CAP_NET_ADMIN in the effective set; Windows: membership of the elevated Administrators token. */
export function nodePrivilegeProbe(platform: NodeJS.Platform = process.platform): PrivilegeProbe {
  return {
    async network(): Promise<NetworkPrivilege> {
      if (platform === 'linux') {
        let status = '';
        try {
          status = readFileSync('/proc/self/status', 'utf8');
        } catch {
          // Without /proc we cannot tell; report not allowed and let elevation try.
        }
        if (hasNetAdmin(status)) {
          return { allowed: true, code: 'net-admin', reason: 'This process has CAP_NET_ADMIN (root or granted): it can add addresses and neighbours.', elevation: null };
        }
        const pk = findOnPath('pkexec');
        return {
          allowed: false,
          code: pk ? 'needs-pkexec' : 'needs-sudo',
          reason: pk
            ? 'Not root: FieldKit will ask for your password through pkexec before changing network settings.'
            : 'Not root and pkexec is not installed: run FieldKit with sudo (or install policykit-1) to change network settings.',
          elevation: pk ? 'pkexec' : null,
        };
      }
      if (platform === 'win32') {
        // `net session` succeeds only in an elevated process; it needs no arguments from us.
        const elevated = await new Promise<boolean>((resolve) => {
          execFile('net', ['session'], { windowsHide: true, timeout: 5000 }, (err) => resolve(!err));
        });
        return elevated
          ? { allowed: true, code: 'administrator', reason: 'Running as Administrator.', elevation: null }
          : { allowed: false, code: 'needs-uac', reason: 'Not elevated: Windows will show a UAC prompt before FieldKit changes network settings.', elevation: 'uac' };
      }
      return { allowed: false, code: 'unsupported', reason: `Changing network settings is not supported on ${platform}.`, elevation: null };
    },
  };
}
