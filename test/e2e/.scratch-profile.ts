import { launchChromium, startServe, waitConnected } from './app';
const dataDir = process.argv[2]!;
const serve = await startServe(dataDir);
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript({ content: 'window.__name = (f) => f;' });
const page = await context.newPage();
await page.goto(`${serve.url}#/alarms`);
await waitConnected(page);
await page.getByTestId('alarm-row').first().waitFor();
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'] });
for (let i = 0; i < 40; i++) {
  await page.evaluate((f) => {
    const g = document.querySelector('[data-testid="alarm-grid"]') as HTMLElement;
    g.scrollTop = (g.scrollHeight - g.clientHeight) * f;
  }, (i * 0.37) % 1);
  await page.waitForTimeout(60);
}
const buf = await browser.stopTracing();
const trace = JSON.parse(buf.toString()) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { data?: unknown } }[] };
const main = new Map<string, number>();
// Find the renderer main thread: the one with most 'RunTask' durations containing 'UpdateLayoutTree'.
const tids = new Map<string, number>();
for (const e of trace.traceEvents) if (e.name === 'UpdateLayoutTree' || e.name === 'Layout') tids.set(`${e.pid}:${e.tid}`, (tids.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
const mainTid = [...tids].sort((a, b) => b[1] - a[1])[0]![0];
const long: number[] = [];
for (const e of trace.traceEvents) {
  if (`${e.pid}:${e.tid}` !== mainTid || e.ph !== 'X' || !e.dur) continue;
  main.set(e.name, (main.get(e.name) ?? 0) + e.dur / 1000);
  if (e.name === 'RunTask' && e.dur > 50_000) long.push(e.dur / 1000);
}
console.log('long tasks', long.map((x) => x.toFixed(0)).join(', '));
console.log([...main].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1)} ms  ${k}`).join('\n'));
await browser.close();
await serve.stop();
