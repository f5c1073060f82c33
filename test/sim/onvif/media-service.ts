/**
 * The rest of a simulated camera beside its device service: the capabilities and services that point
 * clients at media and imaging, DNS settings, and a media service (profiles, encoder, stream URI) and
 * imaging service sized like a 4 MP Hikvision. Plugged into startOnvifSim as `extraOps`, so the device
 * service's WS-UsernameToken / Digest check guards these operations too. Independent clients (Debian's
 * onvif-util, libonvif) read the device's profile before any `get network` or `set ip_address`.
 */
import type { IncomingMessage } from 'node:http';
import { attrOf, childOf, childText, type XmlElement } from '../../../src/xml/safe-xml';
import type { OnvifSimOptions } from './device-service';
import type { OnvifSimState } from './device-state';
import { fault, wrap } from './responses';

const NS = {
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  timg: 'http://www.onvif.org/ver20/imaging/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
};

/** Where each service lives on the camera's HTTP server (as Hikvision lays them out). */
export const SERVICE_PATHS = {
  device: '/onvif/device_service',
  media: '/onvif/Media',
  imaging: '/onvif/Imaging',
  events: '/onvif/Events',
  ptz: '/onvif/PTZ',
} as const;

/** One encoder setting of a profile. */
export interface SimEncoder {
  token: string;
  width: number;
  height: number;
  frameRate: number;
  bitrate: number;
  govLength: number;
}

/** What the media and imaging services know and change. */
export interface MediaSimState {
  profiles: Array<{ token: string; name: string; encoder: SimEncoder }>;
  resolutions: Array<{ width: number; height: number }>;
  imaging: { brightness: number; saturation: number; contrast: number; sharpness: number };
  dns: { fromDhcp: boolean; servers: string[] };
  rtspPort: number;
}

/** A 4 MP camera with a main and a sub stream. */
export function defaultMediaState(over: Partial<MediaSimState> = {}): MediaSimState {
  return {
    profiles: [
      { token: 'Profile_1', name: 'mainStream', encoder: { token: 'VideoEncoderToken_1', width: 2560, height: 1440, frameRate: 25, bitrate: 4096, govLength: 50 } },
      { token: 'Profile_2', name: 'subStream', encoder: { token: 'VideoEncoderToken_2', width: 640, height: 360, frameRate: 25, bitrate: 512, govLength: 50 } },
    ],
    resolutions: [
      { width: 2560, height: 1440 },
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
      { width: 640, height: 360 },
    ],
    imaging: { brightness: 50, saturation: 50, contrast: 50, sharpness: 50 },
    dns: { fromDhcp: false, servers: ['198.51.100.1'] },
    rtspPort: 554,
    ...over,
  };
}

type Reply = { status: number; body: string };
/** Parameters some clients send in tt: instead of tds: (see SetNetworkInterfaces below). */
const LAX_TDS_PARAMS = new Set(['InterfaceToken', 'NetworkInterface', 'IPv4Address']);
type ExtraOps = NonNullable<OnvifSimOptions['extraOps']>;

const ENV_NS =
  `xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="${NS.tds}" xmlns:trt="${NS.trt}" ` +
  `xmlns:timg="${NS.timg}" xmlns:tt="${NS.tt}" xmlns:ter="http://www.onvif.org/ver10/error"`;
/** responses.ts declares tds/tt only; media and imaging answers need their own prefixes bound. */
const wrapAll = (body: string): string => wrap(body).replace(/<env:Envelope [^>]*>/, `<env:Envelope ${ENV_NS}>`);
const ok = (body: string): Reply => ({ status: 200, body: wrapAll(body) });
const bad = (reason: string, sub = 'ter:InvalidArgVal'): Reply => ({ status: 400, body: fault(sub, reason) });

/** The base URL the client used to reach us: a camera answers with the address it was asked on. */
function baseUrl(req: IncomingMessage, s: OnvifSimState): string {
  const host = req.headers.host ?? s.address;
  return `http://${host}`;
}

function encoderXml(e: SimEncoder, tag: string): string {
  return (
    `<${tag} token="${e.token}"><tt:Name>${e.token}</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>H264</tt:Encoding>` +
    `<tt:Resolution><tt:Width>${e.width}</tt:Width><tt:Height>${e.height}</tt:Height></tt:Resolution><tt:Quality>3</tt:Quality>` +
    `<tt:RateControl><tt:FrameRateLimit>${e.frameRate}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
    `<tt:BitrateLimit>${e.bitrate}</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>${e.govLength}</tt:GovLength>` +
    `<tt:H264Profile>Main</tt:H264Profile></tt:H264><tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address>` +
    `</tt:Address><tt:Port>8600</tt:Port><tt:TTL>128</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>` +
    `<tt:SessionTimeout>PT5S</tt:SessionTimeout></${tag}>`
  );
}

function profileXml(p: MediaSimState['profiles'][number], tag: string): string {
  return (
    `<${tag} token="${p.token}" fixed="true"><tt:Name>${p.name}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="VideoSourceToken"><tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>2</tt:UseCount>` +
    `<tt:SourceToken>VideoSource_1</tt:SourceToken><tt:Bounds x="0" y="0" width="2560" height="1440"/></tt:VideoSourceConfiguration>` +
    encoderXml(p.encoder, 'tt:VideoEncoderConfiguration') +
    `</${tag}>`
  );
}

const num = (el: XmlElement | undefined, local: string): number | undefined => {
  const v = childText(el, NS.tt, local)?.trim();
  return v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
};

/**
 * The extra operations of a full camera. `media` is mutated by the Set operations, so a test can
 * read back what a client changed.
 */
export function mediaOps(media: MediaSimState = defaultMediaState()): ExtraOps {
  const profile = (body: XmlElement): MediaSimState['profiles'][number] | undefined => {
    const token = childText(body, NS.trt, 'ProfileToken')?.trim();
    return media.profiles.find((p) => p.token === token);
  };
  const device = (op: string, body: XmlElement, s: OnvifSimState, req: IncomingMessage): Reply | undefined => {
    const base = baseUrl(req, s);
    switch (op) {
      case 'GetCapabilities':
        return ok(
          `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
            `<tt:Device><tt:XAddr>${base}${SERVICE_PATHS.device}</tt:XAddr><tt:Network><tt:IPFilter>true</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration>` +
            `<tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network></tt:Device>` +
            `<tt:Events><tt:XAddr>${base}${SERVICE_PATHS.events}</tt:XAddr><tt:WSSubscriptionPolicySupport>true</tt:WSSubscriptionPolicySupport>` +
            `<tt:WSPullPointSupport>true</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>` +
            `<tt:Imaging><tt:XAddr>${base}${SERVICE_PATHS.imaging}</tt:XAddr></tt:Imaging>` +
            `<tt:Media><tt:XAddr>${base}${SERVICE_PATHS.media}</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>true</tt:RTPMulticast>` +
            `<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
            (s.ptz ? `<tt:PTZ><tt:XAddr>${base}${SERVICE_PATHS.ptz}</tt:XAddr></tt:PTZ>` : '') +
            `</tds:Capabilities></tds:GetCapabilitiesResponse>`,
        );
      case 'GetServices': {
        const svc = (ns: string, path: string, major: number, minor: number) =>
          `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${base}${path}</tds:XAddr>` +
          `<tds:Version><tt:Major>${major}</tt:Major><tt:Minor>${minor}</tt:Minor></tds:Version></tds:Service>`;
        return ok(
          `<tds:GetServicesResponse>${svc(NS.tds, SERVICE_PATHS.device, 17, 12)}${svc(NS.trt, SERVICE_PATHS.media, 17, 12)}` +
            `${svc(NS.timg, SERVICE_PATHS.imaging, 16, 6)}${svc('http://www.onvif.org/ver10/events/wsdl', SERVICE_PATHS.events, 17, 6)}` +
            (s.ptz ? svc('http://www.onvif.org/ver20/ptz/wsdl', SERVICE_PATHS.ptz, 16, 12) : '') +
            `</tds:GetServicesResponse>`,
        );
      }
      case 'GetDNS':
        return ok(
          `<tds:GetDNSResponse><tds:DNSInformation><tt:FromDHCP>${media.dns.fromDhcp}</tt:FromDHCP>` +
            media.dns.servers.map((ip) => `<tt:DNSManual><tt:Type>IPv4</tt:Type><tt:IPv4Address>${ip}</tt:IPv4Address></tt:DNSManual>`).join('') +
            `</tds:DNSInformation></tds:GetDNSResponse>`,
        );
      case 'SetDNS': {
        const servers = body.children
          .filter((c) => c.ns === NS.tds && c.local === 'DNSManual')
          .map((c) => childText(c, NS.tt, 'IPv4Address')?.trim() ?? '');
        if (servers.some((x) => !/^\d+\.\d+\.\d+\.\d+$/.test(x))) return bad('Invalid DNS address');
        media.dns = { fromDhcp: childText(body, NS.tds, 'FromDHCP')?.trim() === 'true', servers };
        return ok('<tds:SetDNSResponse/>');
      }
      case 'SetNetworkInterfaces':
      case 'SetNetworkDefaultGateway':
        // libonvif writes these parameters in the tt: namespace where the WSDL says tds:, and the
        // cameras it is used with accept that: relabel them, then let the device service do the work.
        for (const c of body.children) if (c.ns === NS.tt && LAX_TDS_PARAMS.has(c.local)) c.ns = NS.tds;
        return undefined;
      default:
        return undefined; // the device service's own operations
    }
  };

  const mediaOp = (op: string, body: XmlElement, s: OnvifSimState, req: IncomingMessage): Reply => {
    switch (op) {
      case 'GetProfiles':
        return ok(`<trt:GetProfilesResponse>${media.profiles.map((p) => profileXml(p, 'trt:Profiles')).join('')}</trt:GetProfilesResponse>`);
      case 'GetProfile': {
        const p = profile(body);
        return p ? ok(`<trt:GetProfileResponse>${profileXml(p, 'trt:Profile')}</trt:GetProfileResponse>`) : bad('No such profile', 'ter:NoProfile');
      }
      case 'GetStreamUri': {
        const p = profile(body);
        if (!p) return bad('No such profile', 'ter:NoProfile');
        const host = (req.headers.host ?? s.address).replace(/:\d+$/, '');
        const channel = 100 + media.profiles.indexOf(p) + 1;
        return ok(
          `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>rtsp://${host}:${media.rtspPort}/Streaming/Channels/${channel}?transportmode=unicast&amp;profile=${p.token}</tt:Uri>` +
            `<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>`,
        );
      }
      case 'GetSnapshotUri': {
        const p = profile(body);
        if (!p) return bad('No such profile', 'ter:NoProfile');
        return ok(
          `<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>${baseUrl(req, s)}/onvif-http/snapshot?Profile_${media.profiles.indexOf(p) + 1}</tt:Uri>` +
            `<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:GetSnapshotUriResponse>`,
        );
      }
      case 'GetVideoEncoderConfiguration': {
        const token = childText(body, NS.trt, 'ConfigurationToken')?.trim();
        const p = media.profiles.find((x) => x.encoder.token === token);
        return p ? ok(`<trt:GetVideoEncoderConfigurationResponse>${encoderXml(p.encoder, 'trt:Configuration')}</trt:GetVideoEncoderConfigurationResponse>`) : bad('No such configuration', 'ter:NoConfig');
      }
      case 'GetVideoEncoderConfigurations':
        return ok(`<trt:GetVideoEncoderConfigurationsResponse>${media.profiles.map((p) => encoderXml(p.encoder, 'trt:Configurations')).join('')}</trt:GetVideoEncoderConfigurationsResponse>`);
      case 'GetVideoEncoderConfigurationOptions':
        return ok(
          `<trt:GetVideoEncoderConfigurationOptionsResponse><trt:Options><tt:QualityRange><tt:Min>0</tt:Min><tt:Max>6</tt:Max></tt:QualityRange><tt:H264>` +
            media.resolutions.map((r) => `<tt:ResolutionsAvailable><tt:Width>${r.width}</tt:Width><tt:Height>${r.height}</tt:Height></tt:ResolutionsAvailable>`).join('') +
            `<tt:GovLengthRange><tt:Min>1</tt:Min><tt:Max>400</tt:Max></tt:GovLengthRange><tt:FrameRateRange><tt:Min>1</tt:Min><tt:Max>30</tt:Max></tt:FrameRateRange>` +
            `<tt:EncodingIntervalRange><tt:Min>1</tt:Min><tt:Max>1</tt:Max></tt:EncodingIntervalRange><tt:H264ProfilesSupported>Main</tt:H264ProfilesSupported></tt:H264>` +
            `<tt:Extension><tt:H264><tt:BitrateRange><tt:Min>32</tt:Min><tt:Max>16384</tt:Max></tt:BitrateRange></tt:H264></tt:Extension>` +
            `</trt:Options></trt:GetVideoEncoderConfigurationOptionsResponse>`,
        );
      case 'SetVideoEncoderConfiguration': {
        const cfg = childOf(body, NS.trt, 'Configuration');
        const p = media.profiles.find((x) => x.encoder.token === attrOf(cfg, 'token'));
        if (!p || !cfg) return bad('No such configuration', 'ter:NoConfig');
        const res = childOf(cfg, NS.tt, 'Resolution');
        const rate = childOf(cfg, NS.tt, 'RateControl');
        const next = {
          ...p.encoder,
          width: num(res, 'Width') ?? p.encoder.width,
          height: num(res, 'Height') ?? p.encoder.height,
          frameRate: num(rate, 'FrameRateLimit') ?? p.encoder.frameRate,
          bitrate: num(rate, 'BitrateLimit') ?? p.encoder.bitrate,
          govLength: num(childOf(cfg, NS.tt, 'H264'), 'GovLength') ?? p.encoder.govLength,
        };
        if (!media.resolutions.some((r) => r.width === next.width && r.height === next.height)) return bad('Resolution not supported', 'ter:ConfigModify');
        if (!(next.frameRate >= 1 && next.frameRate <= 30 && next.bitrate >= 32 && next.bitrate <= 16384 && next.govLength >= 1 && next.govLength <= 400)) {
          return bad('Value out of range', 'ter:ConfigModify');
        }
        p.encoder = next;
        return ok('<trt:SetVideoEncoderConfigurationResponse/>');
      }
      case 'GetVideoSources':
        return ok(
          `<trt:GetVideoSourcesResponse><trt:VideoSources token="VideoSource_1"><tt:Framerate>25</tt:Framerate>` +
            `<tt:Resolution><tt:Width>2560</tt:Width><tt:Height>1440</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>`,
        );
      default:
        return bad(`${op} is not supported`, 'ter:ActionNotSupported');
    }
  };

  const imagingOp = (op: string, body: XmlElement): Reply => {
    const source = childText(body, NS.timg, 'VideoSourceToken')?.trim();
    if (source !== 'VideoSource_1') return bad('No such video source', 'ter:NoSource');
    const im = media.imaging;
    switch (op) {
      case 'GetImagingSettings':
        return ok(
          `<timg:GetImagingSettingsResponse><timg:ImagingSettings><tt:Brightness>${im.brightness}</tt:Brightness>` +
            `<tt:ColorSaturation>${im.saturation}</tt:ColorSaturation><tt:Contrast>${im.contrast}</tt:Contrast>` +
            `<tt:Sharpness>${im.sharpness}</tt:Sharpness></timg:ImagingSettings></timg:GetImagingSettingsResponse>`,
        );
      case 'GetOptions': {
        const range = (tag: string) => `<tt:${tag}><tt:Min>0</tt:Min><tt:Max>100</tt:Max></tt:${tag}>`;
        return ok(`<timg:GetOptionsResponse><timg:ImagingOptions>${range('Brightness')}${range('ColorSaturation')}${range('Contrast')}${range('Sharpness')}</timg:ImagingOptions></timg:GetOptionsResponse>`);
      }
      case 'SetImagingSettings': {
        const set = childOf(body, NS.timg, 'ImagingSettings');
        const next = {
          brightness: num(set, 'Brightness') ?? im.brightness,
          saturation: num(set, 'ColorSaturation') ?? im.saturation,
          contrast: num(set, 'Contrast') ?? im.contrast,
          sharpness: num(set, 'Sharpness') ?? im.sharpness,
        };
        if (Object.values(next).some((v) => v < 0 || v > 100)) return bad('Value out of range', 'ter:SettingsInvalid');
        media.imaging = next;
        return ok('<timg:SetImagingSettingsResponse/>');
      }
      default:
        return bad(`${op} is not supported`, 'ter:ActionNotSupported');
    }
  };

  return (op, body, state, req) => {
    if (body.ns === NS.tds) return device(op, body, state, req);
    if (body.ns === NS.trt) return mediaOp(op, body, state, req);
    if (body.ns === NS.timg) return imagingOp(op, body);
    return bad(`${op} is not supported`, 'ter:ActionNotSupported');
  };
}
