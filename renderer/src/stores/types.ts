import type { StateCreator } from 'zustand/vanilla';
import type { ConnectionSlice } from './connection-slice';
import type { StoreDeps } from './deps';
import type { NavigationSlice } from './navigation-slice';
import type { SettingsSlice } from './settings-slice';
import type { SystemSlice } from './system-slice';

/** The one renderer store: each slice mirrors a piece of core state or UI state. */
export type AppState = ConnectionSlice & SettingsSlice & SystemSlice & NavigationSlice;

/** A slice factory: gets the store's dependencies, returns a zustand slice over the whole state. */
export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;
