import { TRACKER_KINDS } from '../../src/trackers/tracker.registry.js';

/* Each kind's webhook rules and the OpenAPI description of its route come from one object; they must agree. */
describe.each(TRACKER_KINDS.map((kind) => [kind.name, kind.webhooks] as const))('%s webhook rules', (_name, rules) => {
  const documented = (name: string) => rules.docs.headers.find((h) => h.name === name);

  it('document the signature header, required exactly when unsigned deliveries are refused', () => {
    expect(documented(rules.signatureHeader)).toMatchObject({ required: !rules.unsigned });
  });

  it('document the delivery id header, required exactly when a delivery must carry one', () => {
    expect(documented(rules.deliveryIdHeader.name)).toMatchObject({ required: rules.deliveryIdHeader.required });
  });

  it('ignore events that cannot change a ticket', () => {
    expect(rules.isRelevantEvent('')).toBe(false);
    expect(rules.isRelevantEvent('ping')).toBe(false);
  });
});
