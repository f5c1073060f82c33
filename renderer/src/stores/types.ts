import type { StateCreator } from 'zustand/vanilla';
import type { AlarmsSlice } from '../features/alarms/alarms-slice';
import type { DevicesSlice } from '../features/devices/devices-slice';
import type { LogsSlice } from '../features/logs/logs-slice';
import type { NetworkSlice } from '../features/network/network-slice';
import type { PtzSlice } from '../features/ptz/ptz-slice';
import type { SetupSlice } from '../features/setup/setup-slice';
import type { ConnectionSlice } from './connection-slice';
import type { StoreDeps } from './deps';
import type { NavigationSlice } from './navigation-slice';
import type { SettingsSlice } from './settings-slice';
import type { SystemSlice } from './system-slice';

/** The one renderer store: each slice mirrors a piece of core state or UI state. */
export type AppState = ConnectionSlice & SettingsSlice & SystemSlice & NavigationSlice & LogsSlice & DevicesSlice & PtzSlice & AlarmsSlice & NetworkSlice & SetupSlice;

/** A slice factory: gets the store's dependencies, returns a zustand slice over the whole state. */
export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;
