import pkg from '../../package.json' with { type: 'json' };

/** From package.json, so the About line, the CLI and electron-builder agree. */
export const FIELDKIT_VERSION: string = pkg.version;
