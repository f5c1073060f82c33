import { describe, expect, it } from 'vitest';
import { DiscoveryParseError } from '../../../src/discovery/protocols/errors';
import { buildSadpProbe, parseSadpMessage } from '../../../src/discovery/protocols/sadp';
import { fixtureBytes, fixtureText } from './fixture';

describe('buildSadpProbe', () => {
  it('matches protocols.md byte for byte, UUID uppercased', () => {
    expect(buildSadpProbe('6a3e4c1d-7b2a-4f3c-9e5d-0123456789ab')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>6A3E4C1D-7B2A-4F3C-9E5D-0123456789AB</Uuid><Types>inquiry</Types></Probe>',
    );
  });

  it('refuses a non-UUID (it is spliced into XML)', () => {
    expect(() => buildSadpProbe('</Uuid><x>')).toThrow(RangeError);
  });
});

describe('parseSadpMessage', () => {
  it('normalises a Hikvision ProbeMatch', () => {
    const msg = parseSadpMessage(fixtureBytes('hikvision-sadp-probematch.xml'));
    expect(msg).toEqual({
      kind: 'probeMatch',
      device: {
        uuid: '6A3E4C1D-7B2A-4F3C-9E5D-0123456789AB',
        types: 'inquiry',
        deviceType: '139015',
        model: 'DS-2CD2143G0-I',
        serial: 'DS-2CD2143G0-I20190101AAWRC12345678',
        mac: '44:19:b6:12:34:56',
        ipv4: '192.168.1.64',
        subnetMask: '255.255.255.0',
        gateway: '192.168.1.1',
        commandPort: 8000,
        httpPort: 80,
        dhcp: false,
        firmware: 'V5.5.82build 190220',
        dspVersion: 'V7.3 build 190218',
        bootTime: '2019-05-10 10:42:27',
        activated: true,
        passwordResetAbility: true,
      },
    });
  });

  it('reports an inactive DHCP unit with an uppercase MAC and NUL padding', () => {
    const msg = parseSadpMessage(fixtureBytes('hikvision-sadp-inactive.xml'));
    if (msg.kind !== 'probeMatch') throw new Error('expected a probeMatch');
    expect(msg.device).toMatchObject({ mac: 'c0:56:e3:aa:bb:cc', activated: false, dhcp: true, gateway: '0.0.0.0' });
    expect(msg.device.dspVersion).toBeUndefined();
  });

  it('treats firmware without an Activated field as activated', () => {
    const xml = '<ProbeMatch><MAC>44-19-b6-00-00-01</MAC><IPv4Address>10.0.0.5</IPv4Address><HttpPort>99999</HttpPort></ProbeMatch>';
    const msg = parseSadpMessage(xml);
    expect(msg.kind === 'probeMatch' && msg.device).toEqual({ mac: '44:19:b6:00:00:01', ipv4: '10.0.0.5', activated: true });
  });

  it('recognises a Probe (our own, looped back)', () => {
    expect(parseSadpMessage(buildSadpProbe('6a3e4c1d-7b2a-4f3c-9e5d-0123456789ab'))).toEqual({
      kind: 'probe', uuid: '6A3E4C1D-7B2A-4F3C-9E5D-0123456789AB', types: 'inquiry',
    });
  });

  it.each([
    ['garbage', 'not xml at all'],
    ['truncated', fixtureText('hikvision-sadp-probematch.xml').slice(0, 300)],
    ['other root', '<Hello/>'],
    ['no MAC', '<ProbeMatch><IPv4Address>10.0.0.5</IPv4Address></ProbeMatch>'],
    ['bad IP', '<ProbeMatch><MAC>44-19-b6-00-00-01</MAC><IPv4Address>10.0.0.256</IPv4Address></ProbeMatch>'],
    ['billion laughs', '<!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><ProbeMatch>&b;</ProbeMatch>'],
    ['namespaced root', '<ProbeMatch xmlns="urn:x"><MAC>44-19-b6-00-00-01</MAC><IPv4Address>10.0.0.5</IPv4Address></ProbeMatch>'],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseSadpMessage(xml)).toThrow(DiscoveryParseError);
  });
});
