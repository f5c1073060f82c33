import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeHosts, REPO_ROOT, type AppSession } from './app';
import { PAGE_IDS, ShellPage } from './pages/shell';
import { SystemPageObject } from './pages/system';

const DIR = join(REPO_ROOT, 'test-results/screenshots');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describeHosts('screenshots of every page in both languages', (host) => {
  let app: AppSession;
  let shell: ShellPage;

  beforeAll(async () => {
    mkdirSync(DIR, { recursive: true });
    app = await host.launch();
    shell = new ShellPage(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`captures all ${PAGE_IDS.length} pages in ${lang}`, async () => {
      await shell.setLanguage(lang);
      for (const id of PAGE_IDS) {
        await shell.clickNav(id);
        if (id === 'system') await new SystemPageObject(app.page).waitLoaded();
        // Park the pointer on a neutral spot so no hover state lands in the picture.
        await app.page.mouse.move(900, 780);
        const file = join(DIR, `${host.name === 'browser' ? '' : `${host.name}-`}${lang}-${id}.png`);
        await app.page.screenshot({ path: file, fullPage: true });
        const bytes = readFileSync(file);
        expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is a PNG`).toBe(true);
        expect(statSync(file).size, `${file} has content`).toBeGreaterThan(15_000);
      }
    });
  }
});
