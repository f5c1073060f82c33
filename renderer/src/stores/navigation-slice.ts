import { DEFAULT_PAGE, hashFor, pageFromHash, type PageId } from '../navigation/routes';
import type { SliceCreator } from './types';

export interface NavigationSlice {
  page: PageId;
  /** Go to a page (writes the hash, so Back works and a reload stays on the page). */
  navigate(page: PageId): void;
  /** The hash changed (link, Back, typed address): follow it, or redirect an unknown one to the default page. */
  syncFromHash(hash: string): void;
}

export const createNavigationSlice: SliceCreator<NavigationSlice> = (deps) => (set, get) => ({
  page: DEFAULT_PAGE,
  navigate: (page) => {
    set({ page });
    deps.writeHash(hashFor(page), false);
  },
  syncFromHash: (hash) => {
    const page = pageFromHash(hash);
    if (page) {
      if (page !== get().page) set({ page });
      return;
    }
    set({ page: DEFAULT_PAGE });
    deps.writeHash(hashFor(DEFAULT_PAGE), true);
  },
});
