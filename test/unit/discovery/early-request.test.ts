import { describe, expect, it } from 'vitest';
import { parseEarlyRequest } from '../../../src/hosts/cli/early-discovery';

describe('parseEarlyRequest (what `discover` may probe before the CLI has loaded)', () => {
  it('takes the interfaces and protocols of a discover command, with global options before it', () => {
    expect(parseEarlyRequest(['discover'])).toEqual({ interfaces: [], protocols: ['onvif', 'ssdp', 'sadp', 'dhip'] });
    expect(parseEarlyRequest(['--data-dir', '/tmp/x', '--json', 'discover', '--iface', 'eth0', '--iface=eth1', '--protocol', 'SADP,onvif', '--timeout', '2'])).toEqual({
      interfaces: ['eth0', 'eth1'],
      protocols: ['onvif', 'sadp'],
    });
    expect(parseEarlyRequest(['--data-dir=discover', 'discover', '--watch', '--reprobe', '30'])).toEqual({ interfaces: [], protocols: ['onvif', 'ssdp', 'sadp', 'dhip'] });
  });

  it('starts nothing for other commands, help, unknown options or bad values', () => {
    for (const argv of [
      [], ['devices'], ['net', 'scan', 'discover'], ['discover', '--help'], ['-h', 'discover'], ['discover', '--bogus'],
      ['discover', '--protocol', 'onvif,telnet'], ['discover', '--protocol', ''], ['discover', '--iface'], ['--verbose', 'discover'],
    ]) {
      expect(parseEarlyRequest(argv), argv.join(' ')).toBeNull();
    }
  });
});
