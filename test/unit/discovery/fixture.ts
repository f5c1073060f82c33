import { readFileSync } from 'node:fs';

/** Bytes of a captured-style fixture under test/unit/discovery/fixtures/. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** A fixture as UTF-8 text, byte for byte (CRLFs kept). */
export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixtureBytes(name));
}
