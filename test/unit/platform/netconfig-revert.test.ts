import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/db/migrate';
import { LaptopJournal } from '../../../src/net/journal';
import type { CommandRunner } from '../../../src/platform/netconfig';
import { linuxNetConfig } from '../../../src/platform/node/netconfig-linux';
import { win32NetConfig } from '../../../src/platform/node/netconfig-win32';
import { elevatedNetshScript, quoteWindowsArg, windowsCommandLine } from '../../../src/platform/node/netsh-uac';

const db = () => {
  const d = new Database(':memory:');
  migrate(d);
  return d;
};

describe('reverting changes whose interface or address is already gone', () => {
  it('Linux: an alias on a USB NIC that was unplugged is reverted, not stuck outstanding forever', async () => {
    let nicPresent = true;
    // stderr captured from iproute2 6.1 (Debian 12): `ip addr del 10.9.0.254/24 dev nosuch0` → exit 1.
    const run: CommandRunner = async (_cmd, args) =>
      nicPresent ? { code: 0, stdout: '', stderr: '' } : { code: 1, stdout: '', stderr: `Cannot find device "${args.at(-1)}"\n` };
    const net = linuxNetConfig({ run, rawArp: false });
    const crashed = new LaptopJournal(db(), net, { now: () => 0 }, 111);
    await crashed.apply({ kind: 'address', iface: 'enx00e04c680001', cidr: '192.168.1.254/24' }, 'set 192.168.1.64');
    nicPresent = false; // the dongle is unplugged: its addresses went with it
    const r = await crashed.revertOutstanding('all');
    expect(r.failed).toEqual([]);
    expect(crashed.outstanding()).toEqual([]);
  });

  it('Windows without elevation: an alias already gone (store=active, after a reboot) is reverted, not stuck', async () => {
    // netsh's "Element not found." must come back through the UAC path so the removal is not_found.
    const netshSaw: string[][] = [];
    const run = uacSimulator((argv) => {
      netshSaw.push(argv);
      return argv.includes('delete') ? { code: 1, output: 'Element not found.\r\n\r\n' } : { code: 0, output: 'Ok.\r\n\r\n' };
    });
    const d = db();
    // What a FieldKit that crashed before a reboot left: the alias journaled as applied.
    const id = Number(
      d
        .prepare("INSERT INTO net_journal(created_at, kind, iface, change, reason, auto_revert, owner_pid, state, updated_at) VALUES ('t', 'address', 'Ethernet 2', ?, 'set', 1, 111, 'applied', 't')")
        .run(JSON.stringify({ kind: 'address', iface: 'Ethernet 2', cidr: '192.168.1.254/24' })).lastInsertRowid,
    );
    const j = new LaptopJournal(d, win32NetConfig({ run, elevate: true }), { now: () => 0 }, 222, () => false);
    await expect(j.revert(id)).resolves.toMatchObject({ state: 'reverted' });
    expect(netshSaw).toEqual([['interface', 'ipv4', 'delete', 'address', 'name=Ethernet 2', 'address=192.168.1.254']]);
  });

  it('Windows without elevation: netsh receives "name=Ethernet 2" as one argument through Start-Process', async () => {
    for (const iface of ['Ethernet 2', 'vEthernet (WSL)', 'Ethernet']) {
      const netshSaw: string[][] = [];
      const run = uacSimulator((argv) => {
        netshSaw.push(argv);
        return { code: 0, output: 'Ok.\r\n\r\n' };
      });
      await win32NetConfig({ run, elevate: true }).addAddress(iface, '192.168.1.254/24');
      expect(netshSaw).toEqual([['interface', 'ipv4', 'add', 'address', `name=${iface}`, 'address=192.168.1.254', 'mask=255.255.255.0', 'store=active']]);
    }
  });

  it('Windows without elevation: netsh errors other than "not found" keep their meaning', async () => {
    const net = (code: number, output: string) => win32NetConfig({ run: uacSimulator(() => ({ code, output })), elevate: true });
    await expect(net(1, 'The object already exists.\r\n').addAddress('Ethernet 2', '192.168.1.254/24')).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('The object already exists.') as unknown,
    });
    await expect(net(1, 'The requested operation requires elevation (Run as administrator).\r\n').removeAddress('Ethernet 2', '192.168.1.254/24')).rejects.toMatchObject({ code: 'permission_denied' });
  });

  it('Windows without elevation: a dismissed UAC prompt is permission_denied, not success', async () => {
    let netshRan = false;
    const run = uacSimulator(
      () => {
        netshRan = true;
        return { code: 0, output: '' };
      },
      { uacAccepted: false },
    );
    await expect(win32NetConfig({ run, elevate: true }).addAddress('Ethernet 2', '192.168.1.254/24')).rejects.toMatchObject({
      code: 'permission_denied',
      message: expect.stringContaining('The operation was canceled by the user.') as unknown,
    });
    expect(netshRan).toBe(false);
  });

  it('Windows without elevation: no report from the elevated process is a failure, never success', async () => {
    // e.g. the elevated PowerShell was killed before writing its temp file: outer exits 0 with empty output.
    const run: CommandRunner = async () => ({ code: 0, stdout: '', stderr: '' });
    await expect(win32NetConfig({ run, elevate: true }).addAddress('Ethernet 2', '192.168.1.254/24')).rejects.toMatchObject({ code: 'failed' });
  });

  it('Windows without elevation: a temp path with quotes and spaces reaches the elevated process intact', async () => {
    const tmp = "C:\\Users\\Seán O'Brien ‘x’\\AppData\\Local\\Temp\\tmp4F2A.tmp";
    let written = '';
    const run = uacSimulator(() => ({ code: 0, output: '' }), { tmp, onWrite: (path) => (written = path) });
    await win32NetConfig({ run, elevate: true }).unpinNeighbour('Ethernet 2', '192.168.1.64');
    expect(written).toBe(tmp);
  });

  it('Windows command-line quoting gives every argument back unchanged', () => {
    const tricky = ['', 'plain', 'name=Ethernet 2', 'vEthernet (WSL)', 'tab\there', 'say "hi"', 'C:\\dir\\', 'C:\\dir with space\\', 'a\\\\"b', '\\"', '\\\\', ' ', '"'];
    expect(commandLineToArgv(windowsCommandLine(tricky))).toEqual(tricky);
    for (const a of tricky) expect(commandLineToArgv(quoteWindowsArg(a))).toEqual([a]);
    expect(quoteWindowsArg('name=Ethernet')).toBe('name=Ethernet');
    expect(() => quoteWindowsArg('a\0b')).toThrow(/NUL/);
  });

  it('Windows without elevation: the elevated command line stays within ShellExecuteEx limits', () => {
    // ShellExecuteEx (Start-Process -Verb RunAs) may cut parameters beyond INTERNET_MAX_URL_LENGTH (~2048).
    const iface = 'vEthernet (Default Switch) '.padEnd(64, 'x');
    const tmp = `C:\\${'d'.repeat(200)}\\tmpFFFF.tmp`;
    const outer = elevatedNetshScript(['interface', 'ipv4', 'add', 'neighbors', `interface=${iface}`, 'address=255.255.255.255', 'neighbor=44-19-b6-12-34-56', 'store=active']);
    expect(innerCommandLine(outer, tmp).length).toBeLessThan(2048);
  });
});

/** What the fake netsh returns for one argv. */
type FakeNetsh = (argv: string[]) => { code: number; output: string };

/** Reads a PowerShell single-quoted literal's value ('' and doubled typographic quotes are one quote). */
function psUnquote(literal: string): string {
  expect(literal).toMatch(/^'[\s\S]*'$/);
  return literal.slice(1, -1).replace(/(['\u2018-\u201B])\1/g, '$1');
}

const PS_LITERAL = String.raw`'(?:[^'\u2018-\u201B]|['\u2018-\u201B]{2})*'`;

/**
 * The elevated powershell.exe's command line as the outer script builds it at run time:
 * `-ArgumentList ('<before>'+($t -replace …)+'<after>')`, with the -replace doubling
 * single quotes (typographic ones too) in the temp path.
 */
function innerCommandLine(outer: string, tmp: string): string {
  const m = new RegExp(String.raw`-ArgumentList \((${PS_LITERAL})\+\(\$t -replace '\[''\\u2018-\\u201B\]','\$0\$0'\)\+(${PS_LITERAL})\) -Verb RunAs `).exec(outer);
  expect(m, 'one -ArgumentList string: literal + temp path + literal').not.toBeNull();
  return psUnquote(m![1]!) + tmp.replace(/['\u2018-\u201B]/g, '$&$&') + psUnquote(m![2]!);
}

/**
 * Plays the UAC path on a fake Windows: checks the outer script's shape, splits
 * the elevated command line the CommandLineToArgvW way (Start-Process passes a
 * single -ArgumentList string through as is), takes the -Command script, reads
 * the netsh command line it hands to ProcessStartInfo.Arguments and splits that
 * the same way for the fake netsh, then prints the report the inner script writes.
 */
function uacSimulator(netsh: FakeNetsh, o: { uacAccepted?: boolean; tmp?: string; onWrite?: (path: string) => void } = {}): CommandRunner {
  return async (cmd, args) => {
    expect(cmd).toBe('powershell.exe');
    expect(args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    const outer = args[3]!;
    expect(args).toHaveLength(4);
    expect(outer).toContain('-Verb RunAs');
    expect(outer).toContain('-Wait -ErrorAction Stop}catch{');
    // `try{…};catch{…}` does not parse: a try must be followed directly by its catch.
    expect(outer).not.toMatch(/\}\s*;\s*(catch|finally)\b/);
    if (o.uacAccepted === false) {
      // Start-Process -ErrorAction Stop throws; the catch prints the marker and the message.
      const m = /catch\{\$o='([A-Z-]+ )'\+\$_\.Exception\.Message\}/.exec(outer);
      expect(m).not.toBeNull();
      return { code: 1, stdout: `${m![1]!}This command cannot be run due to the error: The operation was canceled by the user.`, stderr: '' };
    }
    const tmp = o.tmp ?? 'C:\\Users\\tech\\AppData\\Local\\Temp\\tmp4F2A.tmp';
    const elevatedArgv = commandLineToArgv(innerCommandLine(outer, tmp));
    expect(elevatedArgv.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    expect(elevatedArgv).toHaveLength(4);
    const inner = elevatedArgv[3]!;
    expect(inner).not.toMatch(/\}\s*;\s*(catch|finally)\b/);
    const argsLiteral = new RegExp(String.raw`;\$i\.Arguments=(${PS_LITERAL});`).exec(inner);
    const write = new RegExp(String.raw`;\[IO\.File\]::WriteAllText\((${PS_LITERAL}),'([A-Z-]+ )'\+\$c\+\[char\]10\+\$o\);exit \$c$`).exec(inner);
    expect(argsLiteral).not.toBeNull();
    expect(write).not.toBeNull();
    expect(inner).toContain("$i.FileName=Join-Path ([Environment]::SystemDirectory) 'netsh.exe'");
    o.onWrite?.(psUnquote(write![1]!));
    const r = netsh(commandLineToArgv(psUnquote(argsLiteral![1]!)));
    // The outer prints the temp file's content and exits 0.
    return { code: 0, stdout: `${write![2]!}${r.code}\n${r.output}`, stderr: '' };
  };
}

/** CommandLineToArgvW rules for arguments (quotes group, 2n backslashes + quote = n backslashes). */
function commandLineToArgv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  let any = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n++;
        i++;
      }
      if (line[i] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) cur += '"';
        else inQuotes = !inQuotes;
      } else {
        cur += '\\'.repeat(n);
        i--;
      }
      any = true;
    } else if (c === '"') {
      inQuotes = !inQuotes;
      any = true;
    } else if ((c === ' ' || c === '\t') && !inQuotes) {
      if (any) out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (any) out.push(cur);
  return out;
}
