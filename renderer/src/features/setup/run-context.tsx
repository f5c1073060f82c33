import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RunActions, RunState, RunStore } from './run-store';

const RunContext = createContext<RunStore | null>(null);

/** Gives the wizard's pages the open run's store. */
export function RunProvider({ store, children }: { store: RunStore; children: ReactNode }) {
  return <RunContext.Provider value={store}>{children}</RunContext.Provider>;
}

/** Read from the open run's store with a selector. */
export function useRun<T>(selector: (s: RunState & RunActions) => T): T {
  const store = useContext(RunContext);
  if (!store) throw new Error('useRun must be used inside <RunProvider>.');
  return useStore(store, selector);
}
