import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/fast-check-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end tests start LibreOffice, neovim and Chromium: keep the two cores for them.
    maxWorkers: 2,
  },
});
