// ts-jest in ESM mode (run through `node --experimental-vm-modules`, see package.json).
// ts-jest does not fail on type errors here; `npm run typecheck` does.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup.ts'],
  testTimeout: 20000,
  // Every test passes and then jest waits on a handle left open since the real-Redis tests
  // (an ioredis/BullMQ connection, not yet found): end the run rather than hang CI.
  forceExit: true,
};
