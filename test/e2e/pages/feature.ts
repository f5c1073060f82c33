import type { Locator, Page } from 'playwright-core';
import type { PageId } from './shell';

/** A page whose feature is still to come: title, purpose sentence, empty state. */
export class FeaturePageObject {
  constructor(
    readonly page: Page,
    readonly id: Exclude<PageId, 'system'>,
  ) {}

  root(): Locator {
    return this.page.getByTestId(`page-${this.id}`);
  }

  title(): Promise<string> {
    return this.root().locator('h1').innerText();
  }

  description(): Promise<string> {
    return this.root().locator('.page-description').innerText();
  }

  emptyState(): Locator {
    return this.root().getByTestId('empty-state');
  }
}
