import type { ReactNode } from 'react';

/** A column whose heading only screen readers hear (an actions column). */
export interface HiddenColumn {
  hidden: ReactNode;
}

/** A table's header row: one `<th scope="col">` per heading. */
export function ColumnHeads({ columns }: { columns: ReadonlyArray<ReactNode | HiddenColumn> }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th scope="col" key={i}>
            {isHidden(c) ? <span className="visually-hidden">{c.hidden}</span> : c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function isHidden(c: ReactNode | HiddenColumn): c is HiddenColumn {
  return typeof c === 'object' && c !== null && 'hidden' in c;
}
