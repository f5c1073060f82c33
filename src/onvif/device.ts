import { FieldKitError } from '../contract/errors';
import { childOf, childrenOf, childText, escapeXmlText, type XmlElement } from '../xml/safe-xml';
import { NS } from './namespaces';
import { parseClock, parseDeviceInformation, parseNetworkInterfaces } from './parse';
import { parseNtp, parsePtzCapability, parseScopes, parseUsers } from './parse-admin';
import { envelope, isAuthFault, parseSoapResponse } from './soap';
import { postSoap } from './transport';
import type { CameraClock, DeviceInformation, Ipv4Change, NetworkInterfaceInfo, NtpInformation, OnvifScope, OnvifUser } from './types';
import { securityHeader, usernameToken } from './wsse';

export interface OnvifCredentials {
  username: string;
  password: string;
}

export interface OnvifDeviceOptions {
  /** The device service URL (an XAddr from discovery). */
  xaddr: string;
  credentials?: OnvifCredentials;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** The laptop's clock; injectable for tests. */
  now?: () => number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function userXml(u: { username: string; password: string; level?: string }): string {
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(u.username)) throw new FieldKitError('invalid_input', `"${u.username}" is not a user name cameras accept (letters, digits, . _ @ -).`);
  if (u.password.length < 1 || u.password.length > 128) throw new FieldKitError('invalid_input', 'A password is 1..128 characters.');
  return `<tds:User><tt:Username>${u.username}</tt:Username><tt:Password>${escapeXmlText(u.password)}</tt:Password><tt:UserLevel>${escapeXmlText(u.level ?? 'Administrator')}</tt:UserLevel></tds:User>`;
}

function assertIpv4(v: string, what: string): void {
  if (!IPV4.test(v)) throw new FieldKitError('invalid_input', `${what} "${v}" is not an IPv4 address.`);
}

/**
 * An ONVIF device-management client for one camera. Authentication is a
 * WS-UsernameToken computed in the camera's clock (learn it first with
 * {@link syncClock}); HTTP Digest is answered when the camera asks for it.
 */
export class OnvifDevice {
  private offsetMs = 0;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(private readonly opts: OnvifDeviceOptions) {
    let url: URL;
    try {
      url = new URL(opts.xaddr);
    } catch {
      throw new FieldKitError('invalid_input', `"${opts.xaddr}" is not a device service URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FieldKitError('invalid_input', `Unsupported XAddr scheme ${url.protocol}`);
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.maxBytes = opts.maxResponseBytes ?? 512 * 1024;
    this.now = opts.now ?? Date.now;
  }

  /** Camera minus laptop clock, in ms, as last learnt. */
  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  /** GetSystemDateAndTime (no authentication) and remember the camera's clock offset. */
  async syncClock(): Promise<CameraClock> {
    const sent = this.now();
    const body = await this.call('GetSystemDateAndTime', '<tds:GetSystemDateAndTime/>', false);
    // The camera's time is taken at the middle of the round trip.
    const clock = parseClock(body, (sent + this.now()) / 2);
    this.offsetMs = clock.offsetMs;
    return clock;
  }

  async getDeviceInformation(): Promise<DeviceInformation> {
    return parseDeviceInformation(await this.call('GetDeviceInformation', '<tds:GetDeviceInformation/>'));
  }

  async getNetworkInterfaces(): Promise<NetworkInterfaceInfo[]> {
    return parseNetworkInterfaces(await this.call('GetNetworkInterfaces', '<tds:GetNetworkInterfaces/>'));
  }

  /** Returns whether the camera says it needs a reboot for the change. */
  async setNetworkInterface(token: string, change: Ipv4Change): Promise<{ rebootNeeded: boolean }> {
    let ipv4: string;
    if (change.dhcp) ipv4 = '<tt:Enabled>true</tt:Enabled><tt:DHCP>true</tt:DHCP>';
    else {
      assertIpv4(change.address, 'Address');
      if (!Number.isInteger(change.prefix) || change.prefix < 1 || change.prefix > 32) throw new FieldKitError('invalid_input', `Prefix length ${change.prefix} is not 1..32.`);
      ipv4 = `<tt:Enabled>true</tt:Enabled><tt:Manual><tt:Address>${change.address}</tt:Address><tt:PrefixLength>${change.prefix}</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP>`;
    }
    const body = await this.call(
      'SetNetworkInterfaces',
      `<tds:SetNetworkInterfaces><tds:InterfaceToken>${escapeXmlText(token)}</tds:InterfaceToken>` +
        `<tds:NetworkInterface><tt:Enabled>true</tt:Enabled><tt:IPv4>${ipv4}</tt:IPv4></tds:NetworkInterface></tds:SetNetworkInterfaces>`,
    );
    return { rebootNeeded: childText(body, NS.tds, 'RebootNeeded')?.trim() === 'true' };
  }

  async getDefaultGateway(): Promise<string[]> {
    const body = await this.call('GetNetworkDefaultGateway', '<tds:GetNetworkDefaultGateway/>');
    const gw = childOf(body, NS.tds, 'NetworkGateway');
    return childrenOf(gw, NS.tt, 'IPv4Address').map((e) => (e.text ?? '').trim()).filter(Boolean);
  }

  async setDefaultGateway(ipv4: string): Promise<void> {
    assertIpv4(ipv4, 'Gateway');
    await this.call('SetNetworkDefaultGateway', `<tds:SetNetworkDefaultGateway><tds:IPv4Address>${ipv4}</tds:IPv4Address></tds:SetNetworkDefaultGateway>`);
  }

  /** Sets the camera clock to `utc` (manual), or switches it to NTP. */
  async setSystemDateAndTime(setting: { ntp: true } | { ntp: false; utc: Date }, timezone?: string): Promise<void> {
    const tz = timezone ? `<tds:TimeZone><tt:TZ>${escapeXmlText(timezone)}</tt:TZ></tds:TimeZone>` : '';
    let xml = `<tds:SetSystemDateAndTime><tds:DateTimeType>${setting.ntp ? 'NTP' : 'Manual'}</tds:DateTimeType><tds:DaylightSavings>false</tds:DaylightSavings>${tz}`;
    if (!setting.ntp) {
      const d = setting.utc;
      xml +=
        `<tds:UTCDateTime><tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>` +
        `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time></tds:UTCDateTime>`;
    }
    await this.call('SetSystemDateAndTime', `${xml}</tds:SetSystemDateAndTime>`);
  }

  async getHostname(): Promise<{ fromDhcp: boolean; name: string | null }> {
    const info = childOf(await this.call('GetHostname', '<tds:GetHostname/>'), NS.tds, 'HostnameInformation');
    return { fromDhcp: childText(info, NS.tt, 'FromDHCP')?.trim() === 'true', name: childText(info, NS.tt, 'Name')?.trim() || null };
  }

  async setHostname(name: string): Promise<void> {
    // RFC 1123 host name: what cameras accept, and nothing that could surprise a DHCP server.
    if (!/^(?=.{1,63}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(name)) {
      throw new FieldKitError('invalid_input', `"${name}" is not a valid host name (letters, digits, hyphens; 1..63).`);
    }
    await this.call('SetHostname', `<tds:SetHostname><tds:Name>${name}</tds:Name></tds:SetHostname>`);
  }

  async systemReboot(): Promise<string> {
    return childText(await this.call('SystemReboot', '<tds:SystemReboot/>'), NS.tds, 'Message')?.trim() ?? '';
  }

  /** GetScopes: every scope, fixed and configurable. */
  async getScopes(): Promise<OnvifScope[]> {
    return parseScopes(await this.call('GetScopes', '<tds:GetScopes/>'));
  }

  /** SetScopes replaces every configurable scope with `uris` (keep the ones you want: pass them again). */
  async setScopes(uris: readonly string[]): Promise<void> {
    if (uris.some((u) => !/^[A-Za-z][A-Za-z0-9+.-]*:\S{1,1000}$/.test(u))) throw new FieldKitError('invalid_input', 'A scope must be a URI without spaces.');
    await this.call('SetScopes', `<tds:SetScopes>${uris.map((u) => `<tds:Scopes>${escapeXmlText(u)}</tds:Scopes>`).join('')}</tds:SetScopes>`);
  }

  /**
   * GetUsers. With `anonymous`, no token is sent: an ONVIF camera with no user
   * yet (factory state) answers it, which is how FieldKit tells it needs activating.
   */
  async getUsers(opts: { anonymous?: boolean } = {}): Promise<OnvifUser[]> {
    return parseUsers(await this.call('GetUsers', '<tds:GetUsers/>', !opts.anonymous));
  }

  /** CreateUsers: the first user of a factory-state camera (sent anonymously), or another user. */
  async createUser(user: { username: string; password: string; level?: string }, opts: { anonymous?: boolean } = {}): Promise<void> {
    await this.call('CreateUsers', `<tds:CreateUsers>${userXml(user)}</tds:CreateUsers>`, !opts.anonymous);
  }

  /** SetUser: change a user's password (and level). */
  async setUser(user: { username: string; password: string; level?: string }): Promise<void> {
    await this.call('SetUser', `<tds:SetUser>${userXml(user)}</tds:SetUser>`);
  }

  async getNtp(): Promise<NtpInformation> {
    return parseNtp(await this.call('GetNTP', '<tds:GetNTP/>'));
  }

  /** SetNTP with one manual server (an IPv4 address or a DNS name). */
  async setNtp(server: string): Promise<void> {
    const ip = IPV4.test(server);
    if (!ip && !/^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(server)) throw new FieldKitError('invalid_input', `"${server}" is not an NTP server address or name.`);
    const manual = ip ? `<tt:Type>IPv4</tt:Type><tt:IPv4Address>${server}</tt:IPv4Address>` : `<tt:Type>DNS</tt:Type><tt:DNSname>${server}</tt:DNSname>`;
    await this.call('SetNTP', `<tds:SetNTP><tds:FromDHCP>false</tds:FromDHCP><tds:NTPManual>${manual}</tds:NTPManual></tds:SetNTP>`);
  }

  /** GetCapabilities: does the camera have a PTZ service? */
  async getPtzCapability(): Promise<{ ptz: boolean; ptzXaddr: string | null }> {
    return parsePtzCapability(await this.call('GetCapabilities', '<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>'));
  }

  /** Sends one operation and returns the response element, or throws a typed error. */
  private async call(op: string, bodyXml: string, authenticate = true): Promise<XmlElement> {
    const creds = authenticate ? this.opts.credentials : undefined;
    const header = creds ? securityHeader(usernameToken(creds.username, creds.password, new Date(this.now() + this.offsetMs))) : '';
    const res = await postSoap(this.opts.xaddr, `${NS.tds}/${op}`, envelope(bodyXml, header), {
      timeoutMs: this.timeoutMs,
      maxResponseBytes: this.maxBytes,
      ...(creds ? { digest: creds } : {}),
    });
    let parsed: ReturnType<typeof parseSoapResponse>;
    try {
      parsed = parseSoapResponse(res.body);
    } catch (err) {
      if (res.status === 401) throw this.unauthorized(op);
      if (res.status >= 400) throw new FieldKitError('failed', `${op}: the device answered HTTP ${res.status}.`);
      throw err;
    }
    if ('fault' in parsed) {
      if (isAuthFault(parsed.fault) || res.status === 401) throw this.unauthorized(op);
      throw new FieldKitError('failed', `${op}: the device refused: ${parsed.fault.reason} (${parsed.fault.subcode ?? parsed.fault.code}).`);
    }
    if (parsed.body.ns !== NS.tds || parsed.body.local !== `${op}Response`) {
      throw new FieldKitError('failed', `${op}: unexpected answer <${parsed.body.local}>.`);
    }
    return parsed.body;
  }

  private unauthorized(op: string): FieldKitError {
    const off = Math.round(this.offsetMs / 1000);
    return new FieldKitError(
      'unauthorized',
      `${op}: the camera refused the user name or password` + (this.opts.credentials ? ` (the token was dated in the camera's clock, offset ${off} s).` : ' (no credentials were given).'),
    );
  }
}
