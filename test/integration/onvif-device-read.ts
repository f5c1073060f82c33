/**
 * Reads a camera with FieldKit's own OnvifDevice client and prints one JSON line; run inside a lab
 * namespace (`ip netns exec NS node --import tsx test/integration/onvif-device-read.ts XADDR USER PASS`)
 * so the request goes to the namespace LAN, never from the root namespace.
 */
import { OnvifDevice } from '../../src/onvif/device';

const [xaddr, username, password] = process.argv.slice(2);
if (!xaddr || !username || password === undefined) {
  process.stderr.write('usage: onvif-device-read.ts XADDR USER PASS\n');
  process.exit(2);
}
const dev = new OnvifDevice({ xaddr, credentials: { username, password } });
await dev.syncClock();
const info = await dev.getDeviceInformation();
const interfaces = await dev.getNetworkInterfaces();
const gateway = await dev.getDefaultGateway();
process.stdout.write(`${JSON.stringify({ info, interfaces, gateway })}\n`);
