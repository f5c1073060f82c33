/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Offsets of every match of a global regex, in order. */
export function offsetsOf(text: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(re)) out.push(m.index);
  return out;
}

/**
 * Splits text holding one or more XML documents (captures often concatenate them)
 * at each XML declaration after the first. Returns each piece with its start offset.
 */
export function splitXmlDocuments(text: string): { offset: number; text: string }[] {
  const starts = offsetsOf(text, /<\?xml[\s?]/g).filter((o) => o > 0 && text.slice(0, o).trim() !== '');
  const bounds = [0, ...starts, text.length];
  const out: { offset: number; text: string }[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const piece = text.slice(bounds[i], bounds[i + 1]);
    if (piece.trim() !== '') out.push({ offset: bounds[i]!, text: piece });
  }
  return out;
}

/** Counts lines incrementally so a long stream is walked once. */
export function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    for (let i = text.indexOf('\n', at); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      at = i + 1;
    }
    return line;
  };
}

