/** `npm run test:browser`: the dashboard in headless Chromium; `npm test` never runs these. */
import base from '../../jest.config.mjs';

export default {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/browser/require-chromium.mjs',
  testTimeout: 120000,
};
