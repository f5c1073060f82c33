import type { EventPayload, Handlers } from '../../contract';
import type { LaptopJournal } from '../../net/journal';
import type { OnvifCredentials, OnvifDevice } from '../../onvif/device';
import type { NetConfig } from '../../platform/netconfig';
import type { Logger, NetworkInfo } from '../../platform/ports';
import type { RecordsStore } from '../../records/store';
import type { Vault } from '../../vault/vault';
import type { WizardStore } from '../store';

/** Everything apply needs, injected (the service passes real ports; tests may pass fakes). */
export interface ApplyDeps {
  store: WizardStore;
  records: RecordsStore;
  vault: Vault;
  net: NetConfig;
  info: NetworkInfo;
  journal: LaptopJournal;
  onvif: (xaddr: string, credentials: OnvifCredentials) => OnvifDevice;
  /** The PTZ service (VISCA over IP at the camera's address); null when the host has none. */
  ptz: Handlers['ptz'] | null;
  /** Addresses discovery has seen for a MAC. */
  knownIps: (mac: string) => Promise<string[]>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
  progress: (p: EventPayload<'wizard.progress'>) => void;
  recordAdded: (p: EventPayload<'records.added'>) => void;
  /** How long to wait for a camera at its new address (ms). */
  verifyTimeoutMs: number;
  /** This process, owner of the runs it applies. */
  pid: number;
  /** Cameras proven at an address behind a pin (arping lists only two per address); per apply. */
  seen: Set<string>;
  /** Does anything answer an unauthenticated ONVIF request at `xaddr` within a short time? */
  answers: (xaddr: string) => Promise<boolean>;
}

/** Addresses cameras ship with (Hikvision, Dahua, Axis/Uniview-style), tried when nothing better is known. */
export const FACTORY_ADDRESSES = ['192.168.1.64', '192.168.1.108', '192.168.0.90', '192.168.1.10', '192.168.0.120'] as const;

/** VISCA over IP (Sony) port, where the PTZ check talks to the camera. */
export const VISCA_IP_PORT = 52381;
/** The preset the PTZ check sets and recalls. */
export const CHECK_PRESET = 1;
