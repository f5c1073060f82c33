import { z } from 'zod';

const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address');
const port = z.number().int().min(0).max(65535);
const replyTo = z.enum(['unicast', 'multicast', 'both']);

/**
 * Everything a simulated camera can be told. Every field has a default, so `{}` is a valid
 * loopback camera; the CLI takes the same shape as JSON (`--config '{"protocols":["wsd"]}'`).
 */
export const cameraSimConfigSchema = z.object({
  /** Address the camera claims and binds (unicast mode) or joins groups on (multicast mode). */
  ip: ipv4.default('127.0.0.1'),
  mask: ipv4.default('255.0.0.0'),
  gateway: ipv4.default('0.0.0.0'),
  mac: z.string().default('44:19:b6:12:34:56'),
  manufacturer: z.string().default('Hikvision'),
  model: z.string().default('DS-2CD2143G0-I'),
  serial: z.string().default('DS-2CD2143G0-I20190101AAWRC12345678'),
  firmware: z.string().default('V5.5.82build 190220'),
  uuid: z.uuid().default('54575be6-1dd2-11b2-8a2b-4419b6123456'),
  name: z.string().default('FieldKit sim camera'),
  location: z.string().default('lab/bench'),
  activated: z.boolean().default(true),
  dhcp: z.boolean().default(false),
  protocols: z.array(z.enum(['wsd', 'sadp', 'dhip', 'ssdp'])).default(['wsd', 'sadp', 'dhip']),
  /**
   * Join multicast groups and send Hello/Bye/replies to groups. Refused on a loopback address and
   * in the root network namespace: there the camera answers unicast only.
   */
  multicast: z.boolean().default(false),
  /** Interface name for SSDP (node-ssdp) in multicast mode, e.g. 'eth0'. Default: all non-loopback. */
  interface: z.string().optional(),
  /** UDP/TCP ports; 0 picks a free one (loopback tests), defaults are the real protocol ports. */
  ports: z
    .object({ wsd: port.default(3702), sadp: port.default(37020), dhip: port.default(37810), http: port.default(0) })
    .prefault({}),
  /** Unicast destinations for WS-Discovery Hello/Bye (loopback tests have no multicast). */
  announceTo: z.array(z.object({ address: ipv4, port })).default([]),
  wsd: z
    .object({
      /** Real cameras often send each ProbeMatch twice. */
      replyTwice: z.boolean().default(false),
      /** Leave XAddrs out of ProbeMatches so the client must send a Resolve. */
      omitXAddrs: z.boolean().default(false),
      /** Send Hello on start and Bye on stop. */
      hello: z.boolean().default(true),
      /** Also advertise tds:Device besides dn:NetworkVideoTransmitter. */
      deviceType: z.boolean().default(true),
      /** Advertise onvif://www.onvif.org/MAC/... (many cameras do not: the client must learn the MAC elsewhere). */
      macScope: z.boolean().default(true),
      /** Delay each ProbeMatch by a random time in [min, max] ms, as real cameras do. */
      delayMs: z.object({ min: z.number().int().min(0).max(10_000), max: z.number().int().min(0).max(10_000) }).optional(),
    })
    .prefault({}),
  sadpReplyTo: replyTo.default('unicast'),
  dhipReplyTo: replyTo.default('unicast'),
  faults: z
    .object({
      /** Receive probes but never send anything. */
      silent: z.boolean().default(false),
      /** Send a corrupted reply (truncated XML, DHIP header with a lying length). */
      malformed: z.boolean().default(false),
      /** Delay every reply by this many ms. */
      lateMs: z.number().int().min(0).max(60_000).default(0),
      /** Extra copies of every reply. */
      duplicates: z.number().int().min(0).max(10).default(0),
      /** The replies to the first N datagrams (per protocol) are lost, as on a lossy link or a busy camera. */
      loseReplies: z.number().int().min(0).max(100).default(0),
    })
    .prefault({}),
});

/** A complete simulator configuration (defaults applied). */
export type CameraSimConfig = z.output<typeof cameraSimConfigSchema>;
/** What callers pass: any subset. */
export type CameraSimInput = z.input<typeof cameraSimConfigSchema>;

/** Applies defaults and validates; throws a readable error naming the bad fields. */
export function resolveSimConfig(input: CameraSimInput | unknown): CameraSimConfig {
  const parsed = cameraSimConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ');
    throw new Error(`invalid camera simulator config: ${issues}`);
  }
  return parsed.data;
}
