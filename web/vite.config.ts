import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `vite build web`: the pages' source is this folder; the service serves the output from dist/web.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // One small bundle plus Chart.js: no inline scripts (the CSP forbids them), no source maps shipped.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
