import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmHourCount } from '../../../../../src/contract';
import { barAt, barsPath, niceMax, timeBuckets } from '../model/chart-geometry';
import { useAlarmFormat } from './use-format';
import { useWidth } from './use-width';

const HEIGHT = 190;
const PAD = { left: 48, right: 12, top: 10, bottom: 26 };
const MAX_BARS = 240;
const HOUR_MS = 3_600_000;

/**
 * Alarms per hour (per several hours when the span is long) as bars. Drag
 * across it, or move with the arrow keys (Shift extends) and press Enter, to
 * filter the list to that time range.
 */
export function HourChart({ hours, onRange }: { hours: AlarmHourCount[]; onRange(fromMs: number, toMs: number): void }) {
  const { t, i18n } = useTranslation();
  const fmt = useAlarmFormat();
  const [box, width] = useWidth();
  const b = useMemo(() => timeBuckets(hours, MAX_BARS), [hours]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [brush, setBrush] = useState<{ from: number; to: number } | null>(null);
  const dragging = useRef(false);

  if (!b) return <p className="muted">{t('alarms.charts.empty')}</p>;
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const yMax = niceMax(b.max);
  const n = b.buckets.length;
  const barW = plotW / n;
  const when = (ms: number) => new Date(ms).toLocaleString(i18n.language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  const barText = (i: number) => {
    const bar = b.buckets[i]!;
    return t('alarms.charts.bar', { from: when(bar.startMs), to: when(bar.startMs + b.hoursPerBar * HOUR_MS), count: fmt.count(bar.count) });
  };
  const apply = (from: number, to: number) => {
    const lo = Math.min(from, to);
    const hi = Math.max(from, to);
    onRange(b.buckets[lo]!.startMs, b.buckets[hi]!.startMs + b.hoursPerBar * HOUR_MS - 1000);
    setBrush(null);
  };
  const indexAt = (e: PointerEvent<SVGSVGElement>) => barAt(e.clientX - e.currentTarget.getBoundingClientRect().left - PAD.left, plotW, n);

  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const at = cursor ?? n - 1;
    const move = (to: number) => {
      const i = Math.max(0, Math.min(n - 1, to));
      setCursor(i);
      setBrush(e.shiftKey ? { from: brush?.from ?? at, to: i } : null);
    };
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(at + 1),
      ArrowLeft: () => move(at - 1),
      Home: () => move(0),
      End: () => move(n - 1),
      Enter: () => (brush ? apply(brush.from, brush.to) : apply(at, at)),
      Escape: () => setBrush(null),
    };
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  const title = b.hoursPerBar === 1 ? t('alarms.charts.perHour') : t('alarms.charts.perHours', { hours: b.hoursPerBar });
  const peak = b.buckets.reduce((best, x) => (x.count > best.count ? x : best), b.buckets[0]!);
  const summary = t('alarms.charts.summary', {
    total: fmt.count(b.total),
    from: when(b.startMs),
    to: when(b.endMs),
    peak: fmt.count(peak.count),
    at: when(peak.startMs),
  });
  const ticks = [0, 0.5, 1];
  const xLabels = [0, Math.floor(n / 2), n - 1];

  return (
    <section className="card chart-card" aria-labelledby="hour-chart-title" data-testid="alarm-hour-chart">
      <h2 className="card-title" id="hour-chart-title">
        {title}
      </h2>
      <div ref={box}>
        <svg
          className="hour-chart"
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={`${title}. ${summary}`}
          aria-describedby="hour-chart-hint"
          tabIndex={0}
          onKeyDown={onKey}
          onBlur={() => setCursor(null)}
          onPointerDown={(e) => {
            dragging.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            const i = indexAt(e);
            setBrush({ from: i, to: i });
            setCursor(i);
          }}
          onPointerMove={(e) => {
            const i = indexAt(e);
            setCursor(i);
            if (dragging.current) setBrush((br) => (br ? { ...br, to: i } : br));
          }}
          onPointerUp={() => {
            dragging.current = false;
            if (brush) apply(brush.from, brush.to);
          }}
          onPointerLeave={() => {
            if (!dragging.current) setCursor(null);
          }}
        >
          <g transform={`translate(${PAD.left},${PAD.top})`}>
            {ticks.map((f) => (
              <g key={f}>
                <line className="gridline" x1={0} x2={plotW} y1={plotH - f * plotH} y2={plotH - f * plotH} />
                <text className="axis" x={-6} y={plotH - f * plotH + 4} textAnchor="end">
                  {fmt.count(Math.round(f * yMax))}
                </text>
              </g>
            ))}
            <path className="bars" d={barsPath(b, plotW, plotH, yMax)} />
            {brush ? (
              <rect
                className="brush"
                x={Math.min(brush.from, brush.to) * barW}
                y={0}
                width={(Math.abs(brush.to - brush.from) + 1) * barW}
                height={plotH}
              />
            ) : null}
            {cursor !== null ? <line className="cursor-line" x1={(cursor + 0.5) * barW} x2={(cursor + 0.5) * barW} y1={0} y2={plotH} /> : null}
            {xLabels.map((i, k) => (
              <text key={k} className="axis" x={k === 0 ? 0 : k === 2 ? plotW : (i + 0.5) * barW} y={plotH + 17} textAnchor={k === 0 ? 'start' : k === 2 ? 'end' : 'middle'}>
                {when(b.buckets[i]!.startMs)}
              </text>
            ))}
          </g>
        </svg>
      </div>
      <p className="chart-readout" aria-live="polite" data-testid="hour-chart-readout">
        {cursor !== null ? barText(cursor) : summary}
      </p>
      <p className="muted small" id="hour-chart-hint">
        {t('alarms.charts.hint')}
      </p>
    </section>
  );
}
