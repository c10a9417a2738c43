import { EmailRenderer, type DigestData } from './email-renderer.js';

const common = {
  recipientName: 'Priya <Raman>',
  footer: 'You get this because you own remediation items.',
  listName: 'the weekly digest',
  unsubscribeUrl: 'https://rt.example.com/api/v1/email/unsubscribe?t=abc',
};

describe('EmailRenderer', () => {
  const renderer = new EmailRenderer();
  beforeAll(() => renderer.init());

  it('renders a digest to HTML and text from the same data, escaping only the HTML', () => {
    const line = {
      title: 'Add a CI check for locking migrations & indexes',
      note: '12 days overdue (due Tue 1 Dec 2026)',
      postmortemTitle: 'Checkout timed out',
      postmortemUrl: 'https://rt.example.com/postmortems/1',
      ticketKey: 'OPS-12',
      ticketUrl: 'https://jira.example.com/browse/OPS-12',
    };
    const data: DigestData = {
      ...common,
      subject: '1 overdue remediation item',
      preview: 'preview',
      lead: 'Here is where your items stand.',
      overdue: [line],
      dueSoon: [],
      closed: [],
      teams: [
        { name: 'Payments', open: 4, overdueCount: 1, closedOnTime: 2, owners: [{ owner: 'Ana', items: [line] }] },
      ],
      unacknowledged: [],
      itemsUrl: 'https://rt.example.com/items',
    };
    const { html, text } = renderer.render('digest', data);
    expect(html).toContain('Priya &lt;Raman&gt;');
    expect(html).toContain('locking migrations &amp; indexes');
    expect(html).toContain('href="https://jira.example.com/browse/OPS-12"');
    expect(html).toContain('Payments: 4 open, 1 overdue, 2 closed on time last week');
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('Due in the next 7 days');
    expect(text).toContain('Hello Priya <Raman>,');
    expect(text).toContain('OVERDUE (1)\n- Add a CI check for locking migrations & indexes');
    expect(text).toContain('Ticket OPS-12: https://jira.example.com/browse/OPS-12');
    expect(text).toContain('Unsubscribe from the weekly digest: https://rt.example.com/api/v1/email/unsubscribe?t=abc');
    expect(text).not.toMatch(/\n{3,}/);
  });
});
