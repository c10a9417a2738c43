/**
 * `npm run test:email`: messages scored by SpamAssassin's local rules. Kept out of `npm test`
 * (whose testMatch does not see `*.email-spec.ts`) because it needs the spamassassin package.
 */
import base from '../../jest.config.mjs';

export default {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/email'],
  testMatch: ['**/*.email-spec.ts'],
  testTimeout: 180000,
};
