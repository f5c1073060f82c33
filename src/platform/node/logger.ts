import type { Logger } from '../ports';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Structured log lines on stderr (stdout is reserved for --json output).
 * FIELDKIT_LOG sets the threshold; credentials never reach it because
 * services log ids and outcomes, not requests.
 */
export function stderrLogger(threshold: Level = (process.env.FIELDKIT_LOG as Level) || 'warn'): Logger {
  const min = ORDER[threshold] ?? ORDER.warn;
  const write = (level: Level) => (msg: string, ctx?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    process.stderr.write(`[${new Date().toISOString()}] ${level} ${msg}${ctx ? ` ${JSON.stringify(ctx)}` : ''}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
