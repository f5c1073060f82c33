import { describe, expect, it } from 'vitest';
import { parseClock, parseNetworkInterfaces } from '../../../src/onvif/parse';
import { parseSoapResponse } from '../../../src/onvif/soap';

const env = (body: string) =>
  `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:ter="http://www.onvif.org/ver10/error"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;

function body(xml: string) {
  const r = parseSoapResponse(xml);
  if (!('body' in r)) throw new Error('fault');
  return r.body;
}

describe('ONVIF response parsing', () => {
  it('reads the camera clock and its offset from the laptop', () => {
    const b = body(
      env(
        '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>' +
          '<tt:UTCDateTime><tt:Time><tt:Hour>1</tt:Hour><tt:Minute>2</tt:Minute><tt:Second>3</tt:Second></tt:Time><tt:Date><tt:Year>2019</tt:Year><tt:Month>1</tt:Month><tt:Day>1</tt:Day></tt:Date></tt:UTCDateTime>' +
          '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>',
      ),
    );
    const laptop = Date.UTC(2026, 10, 22, 12, 0, 0, 400);
    const c = parseClock(b, laptop);
    expect(c).toEqual({ utc: '2019-01-01T01:02:03.000Z', offsetMs: Date.UTC(2019, 0, 1, 1, 2, 3) - Date.UTC(2026, 10, 22, 12, 0, 0), type: 'Manual', timezone: 'CST-8' });
  });

  it('gives no offset when the camera sends an impossible date', () => {
    const b = body(env('<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:UTCDateTime><tt:Time><tt:Hour>99</tt:Hour><tt:Minute>0</tt:Minute><tt:Second>0</tt:Second></tt:Time><tt:Date><tt:Year>2019</tt:Year><tt:Month>13</tt:Month><tt:Day>1</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'));
    expect(parseClock(b, Date.now())).toMatchObject({ utc: null, offsetMs: 0 });
  });

  it('reads network interfaces with manual and DHCP addresses', () => {
    const b = body(
      env(
        '<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Enabled>true</tt:Enabled><tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>44-19-B6-12-34-56</tt:HwAddress></tt:Info>' +
          '<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual><tt:Address>192.168.1.64</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>',
      ),
    );
    expect(parseNetworkInterfaces(b)).toEqual([
      { token: 'eth0', enabled: true, name: 'eth0', mac: '44:19:b6:12:34:56', ipv4: { enabled: true, dhcp: false, manual: [{ address: '192.168.1.64', prefix: 24 }], fromDhcp: null } },
    ]);
  });

  it('turns a SOAP fault into its code, subcode and reason', () => {
    const r = parseSoapResponse(
      env('<SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value>ter:NotAuthorized</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code><SOAP-ENV:Reason><SOAP-ENV:Text xml:lang="en">Sender not Authorized</SOAP-ENV:Text></SOAP-ENV:Reason></SOAP-ENV:Fault>'),
    );
    expect(r).toEqual({ fault: { code: 'SOAP-ENV:Sender', subcode: 'ter:NotAuthorized', reason: 'Sender not Authorized' } });
  });

  it.each([
    ['a DTD', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'],
    ['HTML', '<html><body>401</body></html>'],
    ['truncated XML', env('<tds:GetDeviceInformationResponse>').slice(0, 80)],
    ['an empty body', env('')],
  ])('refuses %s with a clear failed error', (_n, xml) => {
    expect(() => parseSoapResponse(xml)).toThrow(expect.objectContaining({ code: 'failed' }));
  });
});
