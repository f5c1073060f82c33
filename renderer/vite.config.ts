import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer build. `base: './'` makes every asset URL relative, so the same
 * dist works from file:// in Electron and from the browser host at `/`.
 * `import.meta.dirname` (not node:path) keeps the layer rule "no Node built-ins
 * in renderer/" true for this file too; Vite fills it in when it loads the config.
 */
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${root}/dist`,
    emptyOutDir: true,
    // The polyfill is unneeded (Chromium only) and would be one more script to audit under CSP.
    modulePreload: { polyfill: false },
    target: 'chrome120',
  },
  server: { host: '127.0.0.1', strictPort: false },
});
