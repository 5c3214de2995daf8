/** Jest runs TypeScript through swc (transpile only, no type check: `npm test` runs `tsc --noEmit` first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.js'],
  // The Terraform tier's provider mirror, chosen once, and one plugin cache for the whole run.
  globalSetup: '<rootDir>/__tests__/support/terraform-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/terraform-teardown.ts',
  // The Terraform tier runs the real CLI; a test may wait for every stack of its file (they run concurrently).
  testTimeout: 600000,
};
