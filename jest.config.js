/** Jest runs TypeScript through swc (transpile only, no type check: `npm test` runs `tsc --noEmit` first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.js'],
  // The Terraform tier runs the real CLI; a stack takes ~7 s to init, validate and plan.
  testTimeout: 600000,
};
