/** What GetDeviceInformation tells. */
export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

/** The camera's clock as GetSystemDateAndTime tells it, and its offset from the laptop's. */
export interface CameraClock {
  /** The camera's UTC time as an ISO string, or null when it did not say. */
  utc: string | null;
  /** Camera minus laptop, in milliseconds (0 when unknown). */
  offsetMs: number;
  /** 'NTP' or 'Manual' as the device reports its DateTimeType. */
  type: string | null;
  timezone: string | null;
}

/** One IPv4 configuration of a network interface. */
export interface Ipv4Config {
  enabled: boolean;
  dhcp: boolean;
  manual: { address: string; prefix: number }[];
  fromDhcp: { address: string; prefix: number } | null;
}

export interface NetworkInterfaceInfo {
  token: string;
  enabled: boolean;
  name: string | null;
  mac: string | null;
  ipv4: Ipv4Config | null;
}

/** The change SetNetworkInterfaces makes: a static address, or DHCP. */
export type Ipv4Change = { dhcp: true } | { dhcp: false; address: string; prefix: number };

/** One ONVIF scope URI; only configurable ones can be set. */
export interface OnvifScope {
  uri: string;
  configurable: boolean;
}

/** A device user as GetUsers lists it. */
export interface OnvifUser {
  username: string;
  /** Administrator, Operator, User, Anonymous or Extended. */
  level: string;
}

/** The camera's NTP settings. */
export interface NtpInformation {
  fromDhcp: boolean;
  servers: string[];
}
