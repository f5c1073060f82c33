/**
 * The browser host and Chromium inside a lab's laptop namespace, so the UI
 * sees exactly the network the simulated cameras are on. Chromium is started
 * through a two-line wrapper (`ip netns exec NS chromium`): Playwright drives
 * it over a pipe (file descriptors), which crosses the namespace boundary
 * where a TCP debugging port would not.
 */
import type { ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findTool, type Lab } from '../lab';
import { CHROMIUM_ARGS, REPO_ROOT, waitConnected } from './app';
import { stopChild, waitForLine } from './child';

export interface LabBrowser {
  serve: ChildProcess;
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function startLabBrowser(lab: Lab, tmp: string): Promise<LabBrowser> {
  const serve = lab.spawn(lab.tech, join(REPO_ROOT, 'bin/fieldkit'), ['--data-dir', join(tmp, 'data'), 'serve', '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForLine(serve, 'FieldKit UI: ', 90_000);
  const ip = findTool('ip');
  if (!ip) throw new Error('ip (iproute2) not found');
  const wrapper = join(tmp, 'chromium-in-netns');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${ip} netns exec "$FK_NETNS" /usr/bin/chromium "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS, env: { ...process.env, FK_NETNS: lab.tech } });
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(`console: ${m.text()}`) : undefined));
  await page.goto(url);
  await waitConnected(page);
  return {
    serve,
    browser,
    page,
    errors,
    async close() {
      await browser.close().catch(() => undefined);
      await stopChild(serve);
    },
  };
}
