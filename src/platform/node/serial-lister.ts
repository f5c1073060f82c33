import type { SerialPortInfo } from '../../contract';
import type { SerialLister } from '../ports';

/** Serial ports from serialport's OS binding. Loaded lazily: the native module is only needed here. */
export function nodeSerialLister(): SerialLister {
  return {
    async list(): Promise<SerialPortInfo[]> {
      const { SerialPort } = await import('serialport');
      const ports = await SerialPort.list();
      return ports.map((p) => {
        const info: SerialPortInfo = { path: p.path };
        if (p.manufacturer) info.manufacturer = p.manufacturer;
        if (p.serialNumber) info.serialNumber = p.serialNumber;
        if (p.vendorId) info.vendorId = p.vendorId;
        if (p.productId) info.productId = p.productId;
        const friendly = (p as { friendlyName?: string }).friendlyName;
        if (friendly) info.friendlyName = friendly;
        return info;
      });
    },
  };
}
