import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The built UI is embedded in the binary; relative asset paths keep it loadable from any origin.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // No inline <script> or data: module preloads: the CSP allows only 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60000,
    // A machine whose Chromium has never started builds its font cache at the first
    // launch, which can take far longer than vitest's 10 s default for a beforeAll hook.
    hookTimeout: 180000,
  },
});
