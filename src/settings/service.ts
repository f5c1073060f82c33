import type { Handlers, Settings } from '../contract';
import type { Clock } from '../platform/ports';
import type { SettingsStore } from './store';

export function settingsService(deps: {
  store: SettingsStore;
  clock: Clock;
  onChanged: (s: Settings) => void;
}): Handlers['settings'] {
  return {
    get: () => deps.store.read(),
    update: (patch) => {
      const next = deps.store.write(patch, new Date(deps.clock.now()));
      deps.onChanged(next);
      return next;
    },
  };
}
