import type { ConnectionState } from '../rpc/host-link';
import type { SliceCreator } from './types';

export interface ConnectionSlice {
  connection: ConnectionState & {
    /** Whether the link was ever open: tells "still starting" from "lost". */
    everOpen: boolean;
    /** The time of the last `system.heartbeat` from the core (ISO), if any. */
    lastHeartbeat: string | null;
  };
  setConnection(s: ConnectionState): void;
  heartbeat(at: string): void;
  retryConnection(): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (deps) => (set) => ({
  connection: { status: 'connecting', attempt: 0, retryAt: null, everOpen: false, lastHeartbeat: null },
  setConnection: (s) =>
    set((st) => ({ connection: { ...st.connection, ...s, everOpen: st.connection.everOpen || s.status === 'open' } })),
  heartbeat: (at) => set((st) => ({ connection: { ...st.connection, lastHeartbeat: at } })),
  retryConnection: () => deps.retryConnection(),
});
