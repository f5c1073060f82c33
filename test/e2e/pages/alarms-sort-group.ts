import type { Locator, Page } from 'playwright-core';
import { AlarmsPageObject } from './alarms';

/** The sortable columns of the alarm list. */
export type AlarmSortColumn = 'time' | 'severity' | 'device' | 'type' | 'state';

/** One line of the grid as shown: a device group heading, or an alarm row. */
export type GridLine =
  | { kind: 'group'; device: string; counts: string; expanded: boolean }
  | { kind: 'row'; message: string; device: string; type: string; severity: string; state: string };

/** The alarm list's column sorting and its "group by device" view. */
export class AlarmsSortGroupPageObject extends AlarmsPageObject {
  constructor(page: Page) {
    super(page);
  }

  sortButton(column: AlarmSortColumn): Locator {
    return this.page.getByTestId(`alarm-sort-${column}`);
  }

  async clickSort(column: AlarmSortColumn): Promise<void> {
    await this.sortButton(column).click();
  }

  /** The header's `aria-sort` (ascending / descending), or null when the list is not sorted by it. */
  async ariaSort(column: AlarmSortColumn): Promise<string | null> {
    return this.page.locator('[role="columnheader"]').filter({ has: this.sortButton(column) }).getAttribute('aria-sort');
  }

  groupToggle(): Locator {
    return this.page.getByTestId('alarm-group-by-device');
  }

  async setGrouped(on: boolean): Promise<void> {
    await this.groupToggle().setChecked(on);
  }

  group(device: string): Locator {
    return this.page.locator(`[data-testid="alarm-group"][data-device="${device}"]`);
  }

  /** Clicks a toolbar button by its visible text (Expand all / Collapse all have no test id). */
  async toolbarButton(name: string): Promise<void> {
    await this.page.getByTestId('alarm-toolbar').getByRole('button', { name, exact: true }).click();
  }

  /** Every line the grid draws, top to bottom (the list is virtual: a small list is drawn whole). */
  async lines(): Promise<GridLine[]> {
    return this.page.locator('[data-testid="alarm-grid"] [data-testid="alarm-group"], [data-testid="alarm-grid"] [data-testid="alarm-row"]').evaluateAll((els) =>
      els
        .map((el) => {
          const e = el as HTMLElement;
          const y = e.getBoundingClientRect().top;
          if (e.dataset.testid === 'alarm-group') {
            const counts = e.querySelector('.group-counts')?.textContent ?? '';
            return { y, line: { kind: 'group' as const, device: e.dataset.device ?? '', counts, expanded: e.getAttribute('aria-expanded') === 'true' } };
          }
          const cell = (i: number) => (e.querySelectorAll('[role="gridcell"]')[i] as HTMLElement | undefined)?.innerText.trim() ?? '';
          const message = (e.querySelectorAll('[role="gridcell"]')[7] as HTMLElement | undefined)?.title ?? '';
          return { y, line: { kind: 'row' as const, message, device: cell(3), type: cell(4), severity: cell(1), state: cell(5) } };
        })
        .sort((a, b) => a.y - b.y)
        .map((x) => x.line),
    );
  }

  /** The messages' first words (the seed's tags, M1..M8) of the alarm rows, top to bottom. */
  async rowTags(): Promise<string[]> {
    return (await this.lines()).flatMap((l) => (l.kind === 'row' ? [l.message.split(' ')[0] ?? ''] : []));
  }

  /** Headings and rows in one compact list: `# device` for a heading, the tag for a row. */
  async outline(): Promise<string[]> {
    return (await this.lines()).map((l) => (l.kind === 'group' ? `# ${l.device}` : (l.message.split(' ')[0] ?? '')));
  }
}
