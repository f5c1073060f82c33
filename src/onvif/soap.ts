import { FieldKitError } from '../contract/errors';
import { childOf, childText, find, parseXml, textOf, XmlError, type XmlElement } from '../xml/safe-xml';
import { NS } from './namespaces';

/** A SOAP 1.2 envelope around one body element, with an optional header. */
export function envelope(body: string, header = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<s:Envelope xmlns:s="${NS.soap}" xmlns:tds="${NS.tds}" xmlns:tt="${NS.tt}">` +
    (header ? `<s:Header>${header}</s:Header>` : '') +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** A SOAP fault as the device said it, with its subcode when present (ter:NotAuthorized ...). */
export interface SoapFault {
  code: string;
  subcode: string | null;
  reason: string;
}

/** Returns the first element of the Body, or the fault, of a SOAP 1.2 response; throws on non-SOAP. */
export function parseSoapResponse(xml: string | Uint8Array): { body: XmlElement } | { fault: SoapFault } {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    const why = err instanceof XmlError ? err.message : String(err);
    throw new FieldKitError('failed', `The device answered with XML FieldKit refuses to read: ${why}`);
  }
  if (root.ns !== NS.soap || root.local !== 'Envelope') {
    throw new FieldKitError('failed', 'The device answered with something that is not a SOAP 1.2 envelope.');
  }
  const body = childOf(root, NS.soap, 'Body');
  const first = body?.children[0];
  if (!first) throw new FieldKitError('failed', 'The device answered with an empty SOAP body.');
  if (first.ns === NS.soap && first.local === 'Fault') {
    const code = childOf(first, NS.soap, 'Code');
    const sub = childOf(code, NS.soap, 'Subcode');
    return {
      fault: {
        code: childText(code, NS.soap, 'Value')?.trim() ?? 'unknown',
        subcode: childText(sub, NS.soap, 'Value')?.trim() ?? null,
        reason: textOf(find(first, NS.soap, 'Text'))?.trim() ?? 'no reason given',
      },
    };
  }
  return { body: first };
}

/** Is this fault the device refusing our credentials? (ter:NotAuthorized, or a Sender fault saying so.) */
export function isAuthFault(f: SoapFault): boolean {
  return /NotAuthorized|FailedAuthentication|InvalidSecurity/i.test(`${f.subcode ?? ''} ${f.reason}`);
}
