/**
 * Gives a lab camera a VISCA-over-IP head: the VISCA simulator binds only
 * 127.0.0.1 (it must never listen elsewhere in the root namespace), so inside
 * a device namespace this relay listens on 0.0.0.0:52381 and passes datagrams
 * to it and back, the way a PTZ camera answers VISCA at its own address.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import { SimOverIpCamera } from '../visca/over-ip-camera';

export interface ViscaRelay {
  camera: SimOverIpCamera;
  close(): Promise<void>;
}

export async function startViscaRelay(port = 52381): Promise<ViscaRelay> {
  const camera = await SimOverIpCamera.start({ port: 0 });
  const front = createSocket('udp4');
  const back = createSocket('udp4');
  let client: RemoteInfo | null = null;
  front.on('message', (msg, rinfo) => {
    client = rinfo;
    back.send(msg, camera.port, '127.0.0.1');
  });
  back.on('message', (msg) => {
    if (client) front.send(msg, client.port, client.address);
  });
  await new Promise<void>((resolve) => back.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.bind(port, '0.0.0.0', () => resolve());
  });
  return {
    camera,
    async close() {
      await new Promise<void>((r) => front.close(() => r()));
      await new Promise<void>((r) => back.close(() => r()));
      await camera.close();
    },
  };
}
