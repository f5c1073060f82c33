/**
 * Launches FieldKit for the e2e suite, the same way a technician would:
 * `bin/fieldkit serve` + Chromium for the browser host, or the Electron app.
 * Specs get an {@link AppSession} and drive it only through page objects, so
 * one spec runs against both hosts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { _electron, chromium, type Browser, type BrowserContext, type ElectronApplication, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { spawnTracked, stopChild, waitForLine } from './child';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(REPO_ROOT, 'bin/fieldkit');
const ELECTRON_MAIN = join(REPO_ROOT, 'dist-electron/main.cjs');

/** Flags that keep Chromium quiet on the network: it must only ever talk to 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** A running FieldKit window, whichever host serves it. */
export interface AppSession {
  readonly host: 'browser' | 'electron';
  readonly page: Page;
  readonly dataDir: string;
  /** Uncaught page errors and console errors (CSP violations show up here). */
  readonly errors: string[];
  /** Reload the window in place (same tab / same app). */
  reload(): Promise<void>;
  /**
   * A fresh start on the same data dir, so only the database remembers
   * anything: a new browser context (no cookies, no storage) or a relaunched app.
   */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a data dir (default: a fresh temp dir, removed on close). */
  dataDir?: string;
  colorScheme?: 'light' | 'dark';
}

/** The `fieldkit serve` child. */
export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `bin/fieldkit --data-dir DIR serve --port 0` and reads the URL it prints. */
export async function startServe(dataDir: string): Promise<ServeProcess> {
  const child = spawnTracked(CLI, ['--data-dir', dataDir, 'serve', '--port', '0'], { cwd: REPO_ROOT });
  let url: string;
  try {
    url = await waitForLine(child, 'FieldKit UI: ', 90_000);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token') ?? '',
    port: Number(u.port),
    child,
    stop: () => stopChild(child),
  };
}

/** Headless Debian Chromium; `extraArgs` only for specs that need more (e.g. file:// module scripts). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

function collectErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
}

/** Waits until the UI reports a live link to the core. */
export async function waitConnected(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor({ timeout: 30_000 });
}

function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'fieldkit-e2e-'));
}

export interface BrowserApp extends AppSession {
  readonly host: 'browser';
  readonly serve: ServeProcess;
  readonly browser: Browser;
  readonly context: BrowserContext;
}

/** `fieldkit serve` on a temp data dir, and headless Chromium on the URL it printed. */
export async function launchBrowserApp(opts: LaunchOptions = {}): Promise<BrowserApp> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? tempDataDir();
  const serve = await startServe(dataDir);
  const browser = await launchChromium().catch(async (err: unknown) => {
    await serve.stop();
    throw err;
  });
  const errors: string[] = [];
  const open = async () => {
    const context = await browser.newContext({ colorScheme: opts.colorScheme ?? 'light', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    collectErrors(page, errors);
    await page.goto(serve.url);
    await waitConnected(page);
    return { context, page };
  };
  let current = await open();
  const session: BrowserApp = {
    host: 'browser',
    serve,
    browser,
    dataDir,
    errors,
    get context() {
      return current.context;
    },
    get page() {
      return current.page;
    },
    async reload() {
      await current.page.reload();
      await waitConnected(current.page);
    },
    async reopen() {
      await current.context.close();
      current = await open();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await serve.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/** Why the Electron variant cannot run here, or null when it can. */
export function electronSkipReason(): string | null {
  const binary = electronBinary();
  if (!binary) return 'Electron binary not installed on this machine';
  if (!existsSync(ELECTRON_MAIN)) return `Electron main not built (${ELECTRON_MAIN} missing): run npm run build:electron`;
  return null;
}

function electronBinary(): string | null {
  try {
    // The electron package exports the path of its downloaded binary (and throws if the download is missing).
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The desktop app through Playwright's `_electron`, with FIELDKIT_DATA_DIR pointing at a temp dir. */
export async function launchElectronApp(opts: LaunchOptions = {}): Promise<AppSession> {
  const reason = electronSkipReason();
  const binary = electronBinary();
  if (reason || !binary) throw new Error(reason ?? 'Electron binary not installed on this machine');
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? tempDataDir();
  const errors: string[] = [];
  const open = async () => {
    const app: ElectronApplication = await _electron.launch({
      executablePath: binary,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ELECTRON_MAIN, '--data-dir', dataDir],
      env: { ...process.env, FIELDKIT_DATA_DIR: dataDir },
      colorScheme: opts.colorScheme ?? 'light',
    });
    const page = await app.firstWindow();
    collectErrors(page, errors);
    await waitConnected(page);
    return { app, page };
  };
  let current = await open();
  return {
    host: 'electron',
    dataDir,
    errors,
    get page() {
      return current.page;
    },
    async reload() {
      await current.page.reload();
      await waitConnected(current.page);
    },
    async reopen() {
      await current.app.close();
      current = await open();
    },
    async close() {
      await current.app.close().catch(() => undefined);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One host a spec can run against. */
export interface HostVariant {
  name: 'browser' | 'electron';
  launch(opts?: LaunchOptions): Promise<AppSession>;
  /** Set when this machine cannot run the variant. */
  skipReason: string | null;
}

export const HOSTS: HostVariant[] = [
  { name: 'browser', launch: launchBrowserApp, skipReason: null },
  { name: 'electron', launch: launchElectronApp, skipReason: electronSkipReason() },
];

/**
 * Declares the same suite once per host. A host this machine cannot run is
 * skipped, and the reason is in the suite's name so the report says why.
 */
export function describeHosts(title: string, body: (host: HostVariant) => void): void {
  for (const host of HOSTS) {
    if (host.skipReason) describe.skip(`${title} [${host.name}] (skipped: ${host.skipReason})`, () => body(host));
    else describe(`${title} [${host.name}]`, () => body(host));
  }
}
