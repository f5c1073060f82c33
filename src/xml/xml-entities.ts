import { XmlError } from './xml-types';

const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

// Every '&' must start one complete reference; the alternation order makes a bare '&' match group 0 only.
const REFERENCE = /&(?:#x([0-9A-Fa-f]+);|#([0-9]+);|([A-Za-z_][A-Za-z0-9._-]*);)?/g;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Decodes the five predefined entities and numeric character references, and nothing else:
 * no DTD is ever read, so an unknown name (`&nbsp;`, `&xxe;`) is an error, not an expansion.
 */
export function decodeXmlEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, hex?: string, dec?: string, name?: string) => {
    if (hex !== undefined || dec !== undefined) {
      const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
      if (!isXmlChar(cp)) throw new XmlError('entity', `character reference ${whole} is not a legal XML character`);
      return String.fromCodePoint(cp);
    }
    if (name !== undefined) {
      const value = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
      if (value === undefined) {
        throw new XmlError('entity', `undefined entity &${name}; (only the 5 predefined XML entities are allowed)`);
      }
      return value;
    }
    throw new XmlError('entity', "bare '&' is not allowed in XML text (write &amp;)");
  });
}

/** Escapes text for an XML element body. */
export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted XML attribute value. */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
