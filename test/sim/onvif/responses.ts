import type { OnvifSimState } from './device-state';

const ENV_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" ' +
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" ' +
  'xmlns:ter="http://www.onvif.org/ver10/error"><env:Body>';
const ENV_CLOSE = '</env:Body></env:Envelope>';

export const wrap = (body: string) => `${ENV_OPEN}${body}${ENV_CLOSE}`;

export function fault(subcode: string, reason: string, code = 'env:Sender'): string {
  return wrap(
    `<env:Fault><env:Code><env:Value>${code}</env:Value><env:Subcode><env:Value>${subcode}</env:Value></env:Subcode></env:Code>` +
      `<env:Reason><env:Text xml:lang="en">${reason}</env:Text></env:Reason></env:Fault>`,
  );
}

export function dateTime(s: OnvifSimState, now: Date): string {
  return wrap(
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>${s.dateTimeType}</tt:DateTimeType>` +
      `<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>${s.timezone}</tt:TZ></tt:TimeZone><tt:UTCDateTime>` +
      `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>` +
      `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>` +
      `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`,
  );
}

export function deviceInformation(s: OnvifSimState): string {
  return wrap(
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${s.manufacturer}</tds:Manufacturer><tds:Model>${s.model}</tds:Model>` +
      `<tds:FirmwareVersion>${s.firmware}</tds:FirmwareVersion><tds:SerialNumber>${s.serial}</tds:SerialNumber>` +
      `<tds:HardwareId>${s.hardwareId}</tds:HardwareId></tds:GetDeviceInformationResponse>`,
  );
}

export function networkInterfaces(s: OnvifSimState): string {
  const cfg = s.dhcp
    ? `<tt:FromDHCP><tt:Address>${s.address}</tt:Address><tt:PrefixLength>${s.prefix}</tt:PrefixLength></tt:FromDHCP><tt:DHCP>true</tt:DHCP>`
    : `<tt:Manual><tt:Address>${s.address}</tt:Address><tt:PrefixLength>${s.prefix}</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP>`;
  return wrap(
    `<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="${s.interfaceToken}"><tt:Enabled>true</tt:Enabled>` +
      `<tt:Info><tt:Name>${s.interfaceToken}</tt:Name><tt:HwAddress>${s.mac}</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>` +
      `<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config>${cfg}</tt:Config></tt:IPv4></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>`,
  );
}

export const gateway = (s: OnvifSimState) =>
  wrap(`<tds:GetNetworkDefaultGatewayResponse><tds:NetworkGateway><tt:IPv4Address>${s.gateway}</tt:IPv4Address></tds:NetworkGateway></tds:GetNetworkDefaultGatewayResponse>`);

export const hostname = (s: OnvifSimState) =>
  wrap(`<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP><tt:Name>${s.hostname}</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>`);

export const empty = (op: string) => wrap(`<tds:${op}Response/>`);

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const scopes = (s: OnvifSimState) =>
  wrap(
    `<tds:GetScopesResponse>${s.scopes
      .map((x) => `<tds:Scopes><tt:ScopeDef>${x.configurable ? 'Configurable' : 'Fixed'}</tt:ScopeDef><tt:ScopeItem>${esc(x.uri)}</tt:ScopeItem></tds:Scopes>`)
      .join('')}</tds:GetScopesResponse>`,
  );

export const users = (s: OnvifSimState) =>
  wrap(`<tds:GetUsersResponse>${Object.keys(s.users).map((u) => `<tds:User><tt:Username>${esc(u)}</tt:Username><tt:UserLevel>Administrator</tt:UserLevel></tds:User>`).join('')}</tds:GetUsersResponse>`);

export const ntp = (s: OnvifSimState) =>
  wrap(
    `<tds:GetNTPResponse><tds:NTPInformation><tt:FromDHCP>${s.ntpFromDhcp}</tt:FromDHCP>${s.ntpServers
      .map((x) => (/^\d+\.\d+\.\d+\.\d+$/.test(x) ? `<tt:NTPManual><tt:Type>IPv4</tt:Type><tt:IPv4Address>${x}</tt:IPv4Address></tt:NTPManual>` : `<tt:NTPManual><tt:Type>DNS</tt:Type><tt:DNSname>${esc(x)}</tt:DNSname></tt:NTPManual>`))
      .join('')}</tds:NTPInformation></tds:GetNTPResponse>`,
  );

export const capabilities = (s: OnvifSimState, base: string) =>
  wrap(
    `<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr></tt:Device>` +
      (s.ptz ? `<tt:PTZ><tt:XAddr>${base}/onvif/ptz_service</tt:XAddr></tt:PTZ>` : '') +
      `</tds:Capabilities></tds:GetCapabilitiesResponse>`,
  );
