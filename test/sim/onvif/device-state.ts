/** What a simulated camera's device service knows and changes. */
export interface OnvifSimState {
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  hardwareId: string;
  mac: string;
  interfaceToken: string;
  address: string;
  prefix: number;
  dhcp: boolean;
  gateway: string;
  hostname: string;
  /** Camera clock minus real time, in ms (factory cameras are often years off). */
  clockOffsetMs: number;
  dateTimeType: 'Manual' | 'NTP';
  timezone: string;
  /** User name → password. Empty = factory state, not activated: only GetUsers/CreateUsers work. */
  users: Record<string, string>;
  rebootCount: number;
  scopes: { uri: string; configurable: boolean }[];
  ntpFromDhcp: boolean;
  ntpServers: string[];
  /** Advertise a PTZ service in GetCapabilities. */
  ptz: boolean;
}

export function defaultState(over: Partial<OnvifSimState> = {}): OnvifSimState {
  return {
    manufacturer: 'HIKVISION',
    model: 'DS-2CD2143G0-I',
    firmware: 'V5.5.82 build 190220',
    serial: 'DS-2CD2143G0-I20190101AAWRC12345678',
    hardwareId: '88',
    mac: '44:19:b6:12:34:56',
    interfaceToken: 'eth0',
    address: '192.168.1.64',
    prefix: 24,
    dhcp: false,
    gateway: '192.168.1.1',
    hostname: 'IPC',
    clockOffsetMs: 0,
    dateTimeType: 'Manual',
    timezone: 'CST-8',
    users: { admin: 'Passw0rd!' },
    rebootCount: 0,
    scopes: [
      { uri: 'onvif://www.onvif.org/type/video_encoder', configurable: false },
      { uri: 'onvif://www.onvif.org/hardware/DS-2CD2143G0-I', configurable: false },
      { uri: 'onvif://www.onvif.org/name/HIKVISION', configurable: true },
      { uri: 'onvif://www.onvif.org/location/city/hangzhou', configurable: true },
    ],
    ntpFromDhcp: false,
    ntpServers: [],
    ptz: false,
    ...over,
  };
}
