import type { NetInterface, SerialPortInfo, SystemInfo } from '../../../src/contract';
import { errorMessage } from './deps';
import type { SliceCreator } from './types';

export interface SystemSlice {
  system: {
    info: SystemInfo | null;
    interfaces: NetInterface[];
    serialPorts: SerialPortInfo[];
    status: 'idle' | 'loading' | 'ready' | 'error';
    error: string | null;
    /** When the data shown was fetched (ISO). */
    refreshedAt: string | null;
  };
  /** Fetches info, interfaces and serial ports together; the old data stays visible while loading. */
  refreshSystem(): Promise<void>;
}

export const createSystemSlice: SliceCreator<SystemSlice> = (deps) => (set) => {
  let generation = 0;
  return {
    system: { info: null, interfaces: [], serialPorts: [], status: 'idle', error: null, refreshedAt: null },
    refreshSystem: async () => {
      // A later refresh supersedes an earlier one still in flight.
      const mine = ++generation;
      set((st) => ({ system: { ...st.system, status: 'loading', error: null } }));
      try {
        const [info, interfaces, serialPorts] = await Promise.all([
          deps.api.system.info(),
          deps.api.system.interfaces(),
          deps.api.system.serialPorts(),
        ]);
        if (mine !== generation) return;
        const at = (deps.now?.() ?? new Date()).toISOString();
        set({ system: { info, interfaces, serialPorts, status: 'ready', error: null, refreshedAt: at } });
      } catch (err) {
        if (mine !== generation) return;
        set((st) => ({ system: { ...st.system, status: 'error', error: errorMessage(err) } }));
      }
    },
  };
};
