import { compileEmailTemplates } from './compile-email-templates.js';
import { COMPILED_HTML } from './email-templates.compiled.js';

describe('email-templates.compiled.ts', () => {
  it('is what MJML makes of email-templates.ts today', async () => {
    const fresh = await compileEmailTemplates();
    for (const kind of Object.keys(fresh) as Array<keyof typeof fresh>) {
      // Stale? `npm run build:email`
      expect([kind, COMPILED_HTML[kind]]).toEqual([kind, fresh[kind]]);
    }
  });
});
