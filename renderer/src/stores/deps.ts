import type { Api, EventPayload, Settings, Topic } from '../../../src/contract';

/** Preferences kept in localStorage only to paint the first frame right; the database stays the truth. */
export interface PrefsCache {
  load(): Partial<Settings>;
  save(s: Settings): void;
}

/** Everything the store's actions reach outside themselves; tests pass fakes. */
export interface StoreDeps {
  /** Feature services are optional so a test of one slice fakes only what it uses. */
  api: Pick<Api, 'settings' | 'system'> & Partial<Pick<Api, 'alarms' | 'ptz' | 'logs' | 'discovery' | 'net' | 'wizard' | 'records'>>;
  /** Ask the link to reconnect now instead of waiting for its backoff. */
  retryConnection(): void;
  /** Write the location hash; `replace` keeps it out of history (used for redirects). */
  writeHash(hash: string, replace: boolean): void;
  /** Listen to a core event topic (subscribes on the server); returns the unsubscribe function. */
  on?: <T extends Topic>(topic: T, cb: (payload: EventPayload<T>) => void) => () => void;
  prefs?: PrefsCache;
  now?: () => Date;
}

/** A short message for a failed call (FieldKitError messages are written for people). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
