import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The shared library is read from source, so `npm run dev` reloads on its changes too.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@als/shared': here('../../libs/shared/src/index.ts'),
      '@web': here('./src'),
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false },
      '/socket.io': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Typing into long forms (userEvent) takes seconds on a loaded machine: a test fails on its
    // assertions, not on the default 5 s.
    testTimeout: 30_000,
  },
});
