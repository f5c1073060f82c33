import { createServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import { escapeXmlText } from '../../../src/xml/safe-xml';
import { assertMulticastAllowed } from './netns-guard';
import type { CameraSimConfig } from './sim-config';

// node-ssdp ships no types; this is the slice of its Server the simulator uses.
interface SsdpServer {
  addUSN(usn: string): void;
  start(): Promise<void>;
  stop(): void;
}
type SsdpServerCtor = new (opts: Record<string, unknown>) => SsdpServer;
const { Server } = createRequire(import.meta.url)('node-ssdp') as { Server: SsdpServerCtor };

/** The UPnP device description a camera with this config serves at its LOCATION. */
export function buildDeviceDescription(c: CameraSimConfig): string {
  const e = escapeXmlText;
  return (
    '<?xml version="1.0"?>\n' +
    '<root xmlns="urn:schemas-upnp-org:device-1-0" xmlns:sim="urn:fieldkit-sim:device-1-0">' +
    '<specVersion><major>1</major><minor>0</minor></specVersion><device>' +
    '<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType>' +
    `<friendlyName>${e(c.name)}</friendlyName><manufacturer>${e(c.manufacturer)}</manufacturer>` +
    `<modelDescription>${e(c.manufacturer)} IP Camera</modelDescription>` +
    `<modelName>${e(c.model)}</modelName><modelNumber>${e(c.model)}</modelNumber>` +
    `<serialNumber>${e(c.serial)}</serialNumber><UDN>uuid:${c.uuid}</UDN>` +
    `<sim:macAddress>${e(c.mac)}</sim:macAddress><presentationURL>http://${c.ip}/</presentationURL>` +
    '</device></root>\n'
  );
}

/** A running SSDP device. */
export interface SsdpSim {
  /** Port of the HTTP server serving /rootDesc.xml. */
  httpPort: number;
  location: string;
  stop(): Promise<void>;
}

/**
 * Serves the device description over HTTP, and in multicast mode advertises it with node-ssdp
 * (NOTIFY alive/byebye, M-SEARCH answers). Without multicast only the HTTP part runs, so
 * loopback tests can still fetch the description.
 */
export async function startSsdpSim(c: CameraSimConfig, rootNetns: boolean): Promise<SsdpSim> {
  const description = buildDeviceDescription(c);
  const body = c.faults.malformed ? description.slice(0, Math.floor(description.length / 2)) : description;
  const http: HttpServer = createServer((req, res) => {
    if (req.url !== '/rootDesc.xml') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/xml; charset="utf-8"' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(c.ports.http, c.ip, () => resolve());
  });
  const address = http.address();
  const httpPort = typeof address === 'object' && address ? address.port : c.ports.http;
  const location = `http://${c.ip}:${httpPort}/rootDesc.xml`;

  let ssdp: SsdpServer | undefined;
  if (c.multicast && !c.faults.silent) {
    assertMulticastAllowed(c.ip, rootNetns);
    ssdp = new Server({
      location,
      udn: `uuid:${c.uuid}`,
      ssdpSig: 'Linux/3.0, UPnP/1.0, Portable SDK for UPnP devices/1.6.6',
      ...(c.interface ? { interfaces: [c.interface] } : {}),
      adInterval: 5000,
    });
    ssdp.addUSN('upnp:rootdevice');
    ssdp.addUSN('urn:schemas-upnp-org:device:Basic:1');
    await ssdp.start();
  }

  return {
    httpPort,
    location,
    async stop() {
      if (ssdp) {
        // node-ssdp's stop() sends byebye and closes its sockets in the same tick, before the sends
        // leave (dgram resolves the address on the next tick): announce first, let them go, then stop.
        (ssdp as unknown as { advertise(alive: boolean): void }).advertise(false); // public, but missing from its types
        await new Promise((r) => setTimeout(r, 100));
        ssdp.stop();
      }
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
