import { api, ApiError, type Page, query } from './api.js';
import { h, setTitle } from './dom.js';

/** One entry of the email delivery log (GET /admin/deliveries, admins only). */
interface Delivery {
  id: string;
  kind: string;
  recipientEmail: string;
  cc: string[];
  status: string;
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
  subject: string;
  createdAt: string;
}
interface DeliveryDetail extends Delivery {
  text: string;
}

const KINDS = ['assignment', 'nudge', 'digest'];
const STATUSES = ['pending', 'sending', 'sent', 'failed', 'outbox'];
const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');

/** A 403 is a page for people without the admin role, not an error. */
async function adminOnly<T>(main: HTMLElement, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 403) throw err;
    main.append(h('p', {}, 'The outbox is for admins: sign in with an admin token to see it.'));
    return null;
  }
}

function filterForm(params: URLSearchParams, navigate: (url: string) => void): HTMLFormElement {
  const sel = (name: string, label: string, options: string[]) =>
    h(
      'label',
      {},
      label,
      h(
        'select',
        { name },
        h('option', { value: '' }, 'All'),
        ...options.map((v) => h('option', { value: v, selected: params.get(name) === v }, v)),
      ),
    );
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters' },
    sel('kind', 'Kind', KINDS),
    sel('status', 'Status', STATUSES),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: '/outbox', class: 'reset' }, 'Reset'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) next.set(k, v);
    navigate(`/outbox${next.size ? `?${next.toString()}` : ''}`);
  });
  return form;
}

/** The delivery log: every message written, oldest first, with its state. */
export async function renderOutbox(main: HTMLElement, params: URLSearchParams, navigate: (url: string) => void) {
  setTitle(main, 'Outbox');
  const filters = { kind: params.get('kind') ?? undefined, status: params.get('status') ?? undefined };
  const page = await adminOnly(main, () =>
    api<Page<Delivery>>(
      `/admin/deliveries${query({ ...filters, limit: '50', cursor: params.get('cursor') ?? undefined })}`,
    ),
  );
  if (!page) return;
  const rows = page.items.map((d) =>
    h(
      'tr',
      { class: d.status === 'failed' ? 'late' : null },
      h('th', { scope: 'row' }, h('a', { href: `/outbox/${d.id}` }, d.subject || '(no subject)')),
      h('td', {}, d.kind),
      h('td', {}, d.recipientEmail, d.cc.length ? ` (cc ${d.cc.join(', ')})` : ''),
      h('td', {}, d.status),
      h('td', {}, String(d.attempts)),
      h('td', {}, when(d.createdAt)),
      h('td', {}, when(d.sentAt)),
    ),
  );
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    return `/outbox${next.size ? `?${next.toString()}` : ''}`;
  };
  main.append(
    h('p', {}, 'Every message the service has written, oldest first: assignment notices, overdue nudges, digests.'),
    filterForm(params, navigate),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Messages' },
      h(
        'table',
        { class: 'items' },
        h('caption', {}, `Messages (${rows.length} on this page)`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Subject', 'Kind', 'To', 'Status', 'Attempts', 'Written (UTC)', 'Sent (UTC)'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h('tbody', {}, ...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 7 }, 'No messages'))])),
      ),
    ),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      params.get('cursor') ? h('a', { href: withCursor(null) }, 'First page') : null,
      page.nextCursor ? h('a', { href: withCursor(page.nextCursor), rel: 'next' }, 'Next page') : null,
    ),
  );
}

/** One message as it was rendered: its envelope, the HTML part (sandboxed) and the text part. */
export async function renderDelivery(main: HTMLElement, id: string) {
  setTitle(main, 'Message');
  const d = await adminOnly(main, () => api<DeliveryDetail>(`/admin/deliveries/${id}`));
  if (!d) return;
  setTitle(main, d.subject || '(no subject)');
  const field = (name: string, value: string) => [h('dt', {}, name), h('dd', {}, value)];
  main.append(
    h('p', {}, h('a', { href: '/outbox' }, 'Back to the outbox')),
    h(
      'dl',
      { class: 'envelope' },
      ...field('To', d.recipientEmail),
      ...(d.cc.length ? field('Cc', d.cc.join(', ')) : []),
      ...field('Kind', d.kind),
      ...field('Status', `${d.status} after ${d.attempts} attempt(s)`),
      ...field('Written', `${when(d.createdAt)} UTC`),
      ...field('Sent', d.sentAt ? `${when(d.sentAt)} UTC` : 'not yet'),
      ...(d.lastError ? field('Last error', d.lastError) : []),
    ),
    h('h2', {}, 'As the recipient sees it'),
    // Sandboxed without scripts or same-origin rights: the message is shown, never trusted.
    h('iframe', {
      class: 'message',
      title: `The HTML part of "${d.subject}"`,
      src: `/api/v1/admin/deliveries/${d.id}/preview`,
      sandbox: '',
      referrerpolicy: 'no-referrer',
    }),
    h('h2', {}, 'Plain text'),
    h('pre', { class: 'message-text', tabindex: 0 }, d.text),
  );
}
