/** The Hikvision SADP inquiry, apart from the reply parser so it needs no XML parser (src/discovery/wire.ts). */
export const SADP_MULTICAST_V4 = '239.255.255.250';
export const SADP_PORT = 37020;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The SADP inquiry, byte for byte as SADPTool sends it (the UUID in uppercase). */
export function buildSadpProbe(uuid: string): string {
  if (!UUID.test(uuid)) throw new RangeError(`SADP probe needs a UUID, got "${uuid.slice(0, 60)}"`);
  return `<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>${uuid.toUpperCase()}</Uuid><Types>inquiry</Types></Probe>`;
}
