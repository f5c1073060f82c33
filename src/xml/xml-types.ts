/** An attribute after namespace resolution. Unprefixed attributes have `ns` ''. */
export interface XmlAttr {
  ns: string;
  local: string;
  value: string;
}

/**
 * One element after namespace resolution. Match elements by `ns` + `local`, never by `prefix`:
 * cameras use arbitrary prefixes (`SOAP-ENV:`, `env:`, `s:`, or a default namespace).
 */
export interface XmlElement {
  /** Namespace URI ('' when the element is in no namespace). */
  ns: string;
  local: string;
  /** The prefix as written, for error messages only. */
  prefix: string;
  attrs: XmlAttr[];
  children: XmlElement[];
  /** Direct text and CDATA content, entity-decoded and concatenated, untrimmed. */
  text: string;
  /** Prefix → URI bindings in scope here ('' is the default namespace); resolves QNames in text. */
  scope: ReadonlyMap<string, string>;
}

/** Why an XML document was refused. */
export type XmlErrorReason =
  | 'too-large'
  | 'dtd-forbidden'
  | 'encoding'
  | 'malformed'
  | 'entity'
  | 'namespace'
  | 'too-deep';

/** The one error safe-xml throws: `reason` is stable, `message` says what was wrong. */
export class XmlError extends Error {
  readonly reason: XmlErrorReason;
  constructor(reason: XmlErrorReason, message: string) {
    super(message);
    this.name = 'XmlError';
    this.reason = reason;
  }
}
