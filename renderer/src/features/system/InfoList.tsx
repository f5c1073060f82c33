import type { ReactNode } from 'react';

/** One labelled value; `testId` lets the e2e page object read it without depending on wording. */
export interface InfoRow {
  label: string;
  value: ReactNode;
  testId: string;
  mono?: boolean;
}

/** A card of label/value pairs. */
export function InfoCard({ title, rows }: { title: string; rows: InfoRow[] }) {
  return (
    <section className="card" aria-label={title}>
      <h2 className="card-title">{title}</h2>
      <dl className="info-list">
        {rows.map((r) => (
          <div className="info-row" key={r.testId}>
            <dt>{r.label}</dt>
            <dd className={r.mono ? 'mono' : undefined} data-testid={r.testId}>
              {r.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
