import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAlarmsSlice } from '../features/alarms/alarms-slice';
import { createDevicesSlice } from '../features/devices/devices-slice';
import { createLogsSlice } from '../features/logs/logs-slice';
import { createNetworkSlice } from '../features/network/network-slice';
import { createPtzSlice } from '../features/ptz/ptz-slice';
import { createSetupSlice } from '../features/setup/setup-slice';
import { createConnectionSlice } from './connection-slice';
import type { StoreDeps } from './deps';
import { createNavigationSlice } from './navigation-slice';
import { createSettingsSlice } from './settings-slice';
import { createSystemSlice } from './system-slice';
import type { AppState } from './types';

export type AppStore = StoreApi<AppState>;

/** Builds the renderer's one store from its slices. */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(deps)(...a),
    ...createSettingsSlice(deps)(...a),
    ...createSystemSlice(deps)(...a),
    ...createNavigationSlice(deps)(...a),
    ...createAlarmsSlice(deps)(...a),
    ...createPtzSlice(deps)(...a),
    ...createLogsSlice(deps)(...a),
    ...createDevicesSlice(deps)(...a),
    ...createNetworkSlice(deps)(...a),
    ...createSetupSlice(deps)(...a),
  }));
}

export type { AppState } from './types';
