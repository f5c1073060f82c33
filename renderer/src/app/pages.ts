import type { ComponentType } from 'react';
import { AlarmsPage } from '../features/alarms/AlarmsPage';
import { DevicesPage } from '../features/devices/DevicesPage';
import { LogsPage } from '../features/logs/LogsPage';
import { NetworkPage } from '../features/network/NetworkPage';
import { PtzPage } from '../features/ptz/PtzPage';
import { SetupPage } from '../features/setup/SetupPage';
import { SystemPage } from '../features/system/SystemPage';
import type { PageId } from '../navigation/routes';

/** The component behind each route. */
export const PAGE_COMPONENTS: Record<PageId, ComponentType> = {
  devices: DevicesPage,
  network: NetworkPage,
  ptz: PtzPage,
  logs: LogsPage,
  alarms: AlarmsPage,
  setup: SetupPage,
  system: SystemPage,
};
