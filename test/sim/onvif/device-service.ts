/**
 * A simulated ONVIF device service (SOAP 1.2 over HTTP) for FieldKit's tests:
 * WS-UsernameToken checked against the camera's own (possibly wrong) clock,
 * optional HTTP Digest, and the device-management operations IP fixing and
 * commissioning use. It can lie (answer OK to SetNetworkInterfaces without
 * applying it), as cameras in the field do.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { childOf, childText, parseXml, type XmlElement } from '../../../src/xml/safe-xml';
import { defaultState, type OnvifSimState } from './device-state';
import * as R from './responses';

const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
};

export interface OnvifSimOptions {
  state?: Partial<OnvifSimState>;
  host?: string;
  port?: number;
  /** 'wsse' (default), 'digest' (HTTP Digest only) or 'both' accepted. */
  auth?: 'wsse' | 'digest' | 'both';
  /** Answer OK to SetNetworkInterfaces but keep the old address. */
  lieOnSetNetwork?: boolean;
  /** Called to really move the address (inside a lab namespace: `ip addr`). */
  applyAddress?: (next: { address: string; prefix: number }, prev: { address: string; prefix: number }) => Promise<void>;
  /** Allowed |token Created - camera clock|, ms. */
  maxSkewMs?: number;
  /** How long after answering SetNetworkInterfaces the camera moves (real ones take 1..30 s). */
  applyDelayMs?: number;
  /** From the first request for this operation on, answer nothing at all (a camera that hangs). */
  silentFrom?: string;
  /** Told every operation received (sim-cli prints them, so a test can count repeats across processes). */
  onCall?: (op: string) => void;
  /** Told the state after every operation that answered (sim-cli prints it for assertions). */
  onState?: (state: OnvifSimState) => void;
  /**
   * More operations, e.g. a media service (test/sim/onvif/media-service.ts): asked after authentication and
   * before the device operations; may take other namespaces than tds. Undefined = not mine.
   */
  extraOps?: (op: string, body: XmlElement, state: OnvifSimState, req: IncomingMessage) => { status: number; body: string } | undefined;
}

export interface OnvifSim {
  url: string;
  port: number;
  state: OnvifSimState;
  /** Operation names received, in order (for assertions). */
  calls: string[];
  close(): Promise<void>;
}

const OPEN = ['GetSystemDateAndTime'];
/** What a camera with no user yet (factory state) answers without authentication, so it can be activated. */
const OPEN_WHEN_INACTIVE = ['GetUsers', 'CreateUsers'];

function readUser(body: XmlElement): { username: string; password: string } | null {
  const u = childOf(body, NS.tds, 'User');
  const username = childText(u, NS.tt, 'Username')?.trim();
  const password = childText(u, NS.tt, 'Password');
  return username && password ? { username, password } : null;
}

function checkToken(header: XmlElement | undefined, s: OnvifSimState, maxSkewMs: number): boolean {
  const tok = childOf(childOf(header, NS.wsse, 'Security'), NS.wsse, 'UsernameToken');
  const user = childText(tok, NS.wsse, 'Username');
  const digest = childText(tok, NS.wsse, 'Password');
  const nonce = childText(tok, NS.wsse, 'Nonce');
  const created = childText(tok, NS.wsu, 'Created');
  if (!user || !digest || !nonce || !created || !(user in s.users)) return false;
  const t = Date.parse(created);
  if (Number.isNaN(t) || Math.abs(t - (Date.now() + s.clockOffsetMs)) > maxSkewMs) return false;
  const expect = createHash('sha1').update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(s.users[user]!)])).digest('base64');
  return expect === digest;
}

const REALM = 'IP Camera(FieldKit sim)';
const md5 = (x: string) => createHash('md5').update(x).digest('hex');

function checkDigest(req: IncomingMessage, s: OnvifSimState, nonce: string): boolean {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Digest ')) return false;
  const p: Record<string, string> = {};
  for (const m of h.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) p[m[1]!] = m[2] ?? m[3] ?? '';
  const pass = p.username ? s.users[p.username] : undefined;
  if (!pass || p.nonce !== nonce || p.realm !== REALM) return false;
  const ha1 = md5(`${p.username}:${REALM}:${pass}`);
  const ha2 = md5(`POST:${p.uri}`);
  const want = p.qop === 'auth' ? md5(`${ha1}:${nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  return want === p.response;
}

export async function startOnvifSim(opts: OnvifSimOptions = {}): Promise<OnvifSim> {
  const state = defaultState(opts.state);
  const auth = opts.auth ?? 'wsse';
  const maxSkew = opts.maxSkewMs ?? 5 * 60_000;
  const calls: string[] = [];
  const digestNonce = createHash('sha1').update(String(Math.random())).digest('hex');

  let silent = false;
  async function handle(req: IncomingMessage, raw: Buffer): Promise<{ status: number; body: string; headers?: Record<string, string> } | null> {
    if (silent) return null;
    let env: XmlElement;
    try {
      env = parseXml(raw);
    } catch {
      return { status: 400, body: R.fault('ter:WellFormed', 'Malformed request') };
    }
    const body = childOf(env, NS.soap, 'Body')?.children[0];
    if (!body || (body.ns !== NS.tds && !opts.extraOps)) return { status: 400, body: R.fault('ter:ActionNotSupported', 'Unknown operation') };
    const op = body.local;
    calls.push(op);
    if (op === opts.silentFrom) {
      silent = true;
      return null;
    }
    const inactive = Object.keys(state.users).length === 0;
    if (!OPEN.includes(op) && !(inactive && OPEN_WHEN_INACTIVE.includes(op))) {
      const wsseOk = auth !== 'digest' && checkToken(childOf(env, NS.soap, 'Header'), state, maxSkew);
      const digestOk = auth !== 'wsse' && checkDigest(req, state, digestNonce);
      if (!wsseOk && !digestOk) {
        if (auth !== 'wsse') return { status: 401, body: '', headers: { 'WWW-Authenticate': `Digest realm="${REALM}", qop="auth", nonce="${digestNonce}", algorithm=MD5` } };
        return { status: 400, body: R.fault('ter:NotAuthorized', 'Sender not Authorized') };
      }
    }
    // Told only what the camera executes (a Digest 401 round trip is not a second operation).
    opts.onCall?.(op);
    const extra = opts.extraOps?.(op, body, state, req);
    if (extra) return extra;
    const now = new Date(Date.now() + state.clockOffsetMs);
    const t = (local: string, ns = NS.tt, el: XmlElement | undefined = body) => childText(el, ns, local)?.trim();
    switch (op) {
      case 'GetSystemDateAndTime':
        return { status: 200, body: R.dateTime(state, now) };
      case 'GetDeviceInformation':
        return { status: 200, body: R.deviceInformation(state) };
      case 'GetNetworkInterfaces':
        return { status: 200, body: R.networkInterfaces(state) };
      case 'SetNetworkInterfaces': {
        if (t('InterfaceToken', NS.tds) !== state.interfaceToken) return { status: 400, body: R.fault('ter:InvalidArgVal', 'No such interface') };
        const ipv4 = childOf(childOf(body, NS.tds, 'NetworkInterface'), NS.tt, 'IPv4');
        const manual = childOf(ipv4, NS.tt, 'Manual');
        const dhcp = t('DHCP', NS.tt, ipv4) === 'true';
        const next = { address: t('Address', NS.tt, manual) ?? '', prefix: Number(t('PrefixLength', NS.tt, manual)) };
        if (!dhcp && (!/^\d+\.\d+\.\d+\.\d+$/.test(next.address) || !(next.prefix >= 1 && next.prefix <= 32))) {
          return { status: 400, body: R.fault('ter:InvalidArgVal', 'Invalid IPv4 address') };
        }
        if (!opts.lieOnSetNetwork && !dhcp) {
          const prev = { address: state.address, prefix: state.prefix };
          // Answer first, then move: a real camera replies on the old address before it changes.
          setTimeout(() => {
            void (opts.applyAddress?.(next, prev) ?? Promise.resolve()).then(() => {
              state.address = next.address;
              state.prefix = next.prefix;
              state.dhcp = false;
            });
          }, opts.applyDelayMs ?? 50);
        } else if (!opts.lieOnSetNetwork) state.dhcp = true;
        return { status: 200, body: R.wrap('<tds:SetNetworkInterfacesResponse><tds:RebootNeeded>false</tds:RebootNeeded></tds:SetNetworkInterfacesResponse>') };
      }
      case 'GetNetworkDefaultGateway':
        return { status: 200, body: R.gateway(state) };
      case 'SetNetworkDefaultGateway':
        state.gateway = t('IPv4Address', NS.tds) ?? state.gateway;
        return { status: 200, body: R.empty(op) };
      case 'SetSystemDateAndTime': {
        state.dateTimeType = t('DateTimeType', NS.tds) === 'NTP' ? 'NTP' : 'Manual';
        const utc = childOf(body, NS.tds, 'UTCDateTime');
        if (utc && state.dateTimeType === 'Manual') {
          const d = childOf(utc, NS.tt, 'Date');
          const tm = childOf(utc, NS.tt, 'Time');
          const n = (el: XmlElement | undefined, l: string) => Number(childText(el, NS.tt, l));
          const ms = Date.UTC(n(d, 'Year'), n(d, 'Month') - 1, n(d, 'Day'), n(tm, 'Hour'), n(tm, 'Minute'), n(tm, 'Second'));
          if (Number.isNaN(ms)) return { status: 400, body: R.fault('ter:InvalidArgVal', 'Invalid date') };
          state.clockOffsetMs = ms - Date.now();
        }
        const tz = childText(childOf(body, NS.tds, 'TimeZone'), NS.tt, 'TZ');
        if (tz) state.timezone = tz;
        return { status: 200, body: R.empty(op) };
      }
      case 'GetHostname':
        return { status: 200, body: R.hostname(state) };
      case 'SetHostname':
        state.hostname = t('Name', NS.tds) ?? state.hostname;
        return { status: 200, body: R.empty(op) };
      case 'GetScopes':
        return { status: 200, body: R.scopes(state) };
      case 'SetScopes': {
        const uris = body.children.filter((c) => c.ns === NS.tds && c.local === 'Scopes').map((c) => (c.text ?? '').trim());
        if (uris.some((u) => !u)) return { status: 400, body: R.fault('ter:InvalidArgVal', 'Empty scope') };
        state.scopes = [...state.scopes.filter((x) => !x.configurable), ...uris.map((uri) => ({ uri, configurable: true }))];
        return { status: 200, body: R.empty(op) };
      }
      case 'GetUsers':
        return { status: 200, body: R.users(state) };
      case 'CreateUsers':
      case 'SetUser': {
        const u = readUser(body);
        if (!u) return { status: 400, body: R.fault('ter:InvalidArgVal', 'User needs a name and a password') };
        if (op === 'CreateUsers' && u.username in state.users) return { status: 400, body: R.fault('ter:UsernameClash', 'User exists') };
        if (op === 'SetUser' && !(u.username in state.users)) return { status: 400, body: R.fault('ter:UsernameMissing', 'No such user') };
        state.users[u.username] = u.password;
        return { status: 200, body: R.empty(op) };
      }
      case 'GetNTP':
        return { status: 200, body: R.ntp(state) };
      case 'SetNTP': {
        const manual = childOf(body, NS.tds, 'NTPManual');
        const server = t('IPv4Address', NS.tt, manual) ?? t('DNSname', NS.tt, manual);
        if (!server) return { status: 400, body: R.fault('ter:InvalidArgVal', 'No NTP server') };
        state.ntpFromDhcp = t('FromDHCP', NS.tds) === 'true';
        state.ntpServers = [server];
        return { status: 200, body: R.empty(op) };
      }
      case 'GetCapabilities':
        return { status: 200, body: R.capabilities(state, `http://${req.headers.host ?? state.address}`) };
      case 'SystemReboot':
        state.rebootCount++;
        return { status: 200, body: R.wrap('<tds:SystemRebootResponse><tds:Message>Rebooting in 5 seconds.</tds:Message></tds:SystemRebootResponse>') };
      default:
        return { status: 400, body: R.fault('ter:ActionNotSupported', `${op} is not supported`) };
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, Buffer.concat(chunks)).then((r) => {
        if (!r) return; // a hung camera: the request stays open until the client gives up
        opts.onState?.(state);
        // Content-Length, not chunked: gSOAP-era clients (libonvif's onvif-util) read one buffer and parse it as XML.
        res.writeHead(r.status, { 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': Buffer.byteLength(r.body), ...r.headers });
        res.end(r.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}/onvif/device_service`,
    port,
    state,
    calls,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
