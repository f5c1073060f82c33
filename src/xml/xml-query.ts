import type { XmlElement } from './xml-types';

/** One namespace URI, or several accepted alternatives (e.g. SOAP 1.1 and 1.2 envelopes). */
export type NsMatch = string | readonly string[];

/** A namespace-qualified name. */
export interface QName {
  ns: string;
  local: string;
}

function nsMatches(actual: string, wanted: NsMatch): boolean {
  return typeof wanted === 'string' ? actual === wanted : wanted.includes(actual);
}

/** True when `el` is the element {ns}local. */
export function isElement(el: XmlElement | undefined, ns: NsMatch, local: string): el is XmlElement {
  return el !== undefined && el.local === local && nsMatches(el.ns, ns);
}

/** Direct children named {ns}local, in document order. */
export function childrenOf(el: XmlElement | undefined, ns: NsMatch, local: string): XmlElement[] {
  return el ? el.children.filter((c) => isElement(c, ns, local)) : [];
}

/** First direct child named {ns}local. */
export function childOf(el: XmlElement | undefined, ns: NsMatch, local: string): XmlElement | undefined {
  return el?.children.find((c) => isElement(c, ns, local));
}

/** Follows a path of direct children: `pathOf(env, [[S, 'Body'], [D, 'ProbeMatches']])`. */
export function pathOf(el: XmlElement | undefined, steps: ReadonlyArray<readonly [NsMatch, string]>): XmlElement | undefined {
  let cur = el;
  for (const [ns, local] of steps) cur = childOf(cur, ns, local);
  return cur;
}

/** Every descendant (not `el` itself) named {ns}local, depth-first in document order. */
export function findAll(el: XmlElement | undefined, ns: NsMatch, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (isElement(c, ns, local)) out.push(c);
      walk(c);
    }
  };
  if (el) walk(el);
  return out;
}

/** First descendant named {ns}local. */
export function find(el: XmlElement | undefined, ns: NsMatch, local: string): XmlElement | undefined {
  return findAll(el, ns, local)[0];
}

/** Trimmed text of an element; undefined when the element is missing. */
export function textOf(el: XmlElement | undefined): string | undefined {
  return el?.text.trim();
}

/** Trimmed text of the first child {ns}local; undefined when there is no such child. */
export function childText(el: XmlElement | undefined, ns: NsMatch, local: string): string | undefined {
  return textOf(childOf(el, ns, local));
}

/** Attribute value by local name and namespace ('' = unprefixed, the usual case). */
export function attrOf(el: XmlElement | undefined, local: string, ns: NsMatch = ''): string | undefined {
  return el?.attrs.find((a) => a.local === local && nsMatches(a.ns, ns))?.value;
}

/**
 * Resolves a QName written in text content (`dn:NetworkVideoTransmitter`) with the bindings in
 * scope at `el`. Returns undefined when its prefix is not bound there.
 */
export function resolveQName(el: XmlElement, qname: string): QName | undefined {
  const i = qname.indexOf(':');
  const prefix = i < 0 ? '' : qname.slice(0, i);
  const local = i < 0 ? qname : qname.slice(i + 1);
  if (local === '' || local.includes(':')) return undefined;
  const ns = el.scope.get(prefix) ?? (prefix === '' ? '' : undefined);
  return ns === undefined ? undefined : { ns, local };
}
