import { highlightSegments, type SearchToken } from './search-terms';

/** Text with the search words marked; device text stays text (React escapes it). */
export function Highlighted({ text, tokens }: { text: string; tokens: SearchToken[] }) {
  if (tokens.length === 0) return <>{text}</>;
  return (
    <>
      {highlightSegments(text, tokens).map((s, i) =>
        s.hit ? (
          <mark key={i} className="logs-hit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
