import { type ActionItem, api, loadTeams, type Page, person, query } from './api.js';
import { h, setTitle } from './dom.js';

export const ITEM_FILTERS = ['status', 'teamId', 'priority', 'overdue', 'ownerId', 'postmortemId'] as const;
const STATUSES = ['open', 'in_progress', 'done', 'wont_do'];
const PRIORITIES = ['critical', 'high', 'medium', 'low'];
const DAY_MS = 86_400_000;

export const daysOverdue = (i: ActionItem, today = new Date().toISOString().slice(0, 10)) =>
  i.status === 'open' || i.status === 'in_progress'
    ? Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${i.dueDate}T00:00:00Z`)) / DAY_MS))
    : 0;

interface Row {
  item: ActionItem;
  owner: string;
  team: string;
  overdue: number;
}

/** Columns; those with `sort` are ordered by the API (its `sort` parameter), across every page. */
const COLUMNS: Array<{ key: string; label: string; sort?: string }> = [
  { key: 'title', label: 'Title', sort: 'title' },
  { key: 'status', label: 'Status', sort: 'status' },
  { key: 'priority', label: 'Priority', sort: 'priority' },
  { key: 'owner', label: 'Owner' },
  { key: 'team', label: 'Team' },
  { key: 'due', label: 'Due', sort: 'dueDate' },
  { key: 'overdue', label: 'Days overdue' },
];

function filterForm(params: URLSearchParams, teams: Array<[string, string]>, navigate: (url: string) => void) {
  const sel = (name: string, label: string, options: Array<[string, string]>) =>
    h(
      'label',
      {},
      label,
      h(
        'select',
        { name },
        h('option', { value: '' }, 'All'),
        ...options.map(([v, t]) => h('option', { value: v, selected: params.get(name) === v }, t)),
      ),
    );
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters' },
    sel(
      'status',
      'Status',
      STATUSES.map((s) => [s, s.replace('_', ' ')]),
    ),
    sel('teamId', 'Team', teams),
    sel(
      'priority',
      'Priority',
      PRIORITIES.map((p) => [p, p]),
    ),
    sel('overdue', 'Overdue', [
      ['true', 'Overdue only'],
      ['false', 'Not overdue'],
    ]),
    params.get('postmortemId')
      ? h('input', { type: 'hidden', name: 'postmortemId', value: params.get('postmortemId') })
      : null,
    params.get('ownerId') ? h('input', { type: 'hidden', name: 'ownerId', value: params.get('ownerId') }) : null,
    // A new filter keeps the sort (and starts again from the first page).
    ...['sort', 'dir'].map((k) =>
      params.get(k) ? h('input', { type: 'hidden', name: k, value: params.get(k) }) : null,
    ),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: '/items', class: 'reset' }, 'Reset'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) next.set(k, v);
    navigate(`/items${next.size ? `?${next.toString()}` : ''}`);
  });
  return form;
}

export async function renderItems(main: HTMLElement, params: URLSearchParams, navigate: (url: string) => void) {
  setTitle(main, 'Action items');
  const filters = Object.fromEntries(ITEM_FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const sort = COLUMNS.find((c) => c.sort && c.sort === params.get('sort'));
  const dir = params.get('dir') === 'desc' ? -1 : 1;
  // The API sorts and pages; the CSV export has the same filters and order.
  const listed = { ...filters, sort: sort?.sort ? `${dir === -1 ? '-' : ''}${sort.sort}` : undefined };
  const [page, teams] = await Promise.all([
    api<Page<ActionItem>>(
      `/action-items${query({ ...listed, limit: '50', cursor: params.get('cursor') ?? undefined })}`,
    ),
    loadTeams(),
  ]);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const rows: Row[] = await Promise.all(
    page.items.map(async (item) => {
      const owner = await person(item.ownerId);
      return {
        item,
        owner: owner?.name ?? item.ownerId,
        team: owner?.teamId ? (teamName.get(owner.teamId) ?? '') : '',
        overdue: daysOverdue(item),
      };
    }),
  );
  const sortUrl = (key: string) => {
    const next = new URLSearchParams(params);
    next.delete('cursor'); // a cursor pages only in the order it came from
    next.set('sort', key);
    next.set('dir', sort?.sort === key && dir === 1 ? 'desc' : 'asc');
    return `/items?${next.toString()}`;
  };
  const header = h(
    'tr',
    {},
    ...COLUMNS.map((c) => {
      const sorted = sort?.key === c.key;
      return h(
        'th',
        { scope: 'col', 'aria-sort': sorted ? (dir === 1 ? 'ascending' : 'descending') : null },
        c.sort
          ? h('a', { href: sortUrl(c.sort), class: 'sort' }, c.label, sorted ? (dir === 1 ? ' ▲' : ' ▼') : '')
          : c.label,
      );
    }),
    h('th', { scope: 'col' }, 'Ticket'),
    h('th', { scope: 'col' }, 'Findings'),
    h('th', { scope: 'col' }, 'Postmortem'),
  );
  const body = rows.map((r) =>
    h(
      'tr',
      { class: r.overdue ? 'late' : null },
      h('th', { scope: 'row' }, r.item.title),
      h('td', {}, r.item.status.replace('_', ' ')),
      h('td', {}, r.item.priority),
      h('td', {}, r.owner),
      h('td', {}, r.team || '—'),
      h('td', {}, r.item.dueDate),
      h('td', {}, r.overdue ? String(r.overdue) : '—'),
      h(
        'td',
        {},
        r.item.ticket?.url
          ? h(
              'a',
              { href: r.item.ticket.url, rel: 'noopener noreferrer' },
              r.item.ticket.key ?? `#${r.item.ticket.number}`,
            )
          : (r.item.ticket?.state ?? '—'),
      ),
      h(
        'td',
        {},
        r.item.qualityFindings.length ? r.item.qualityFindings.map((f) => `${f.rule} (${f.severity})`).join(', ') : '—',
      ),
      h('td', {}, h('a', { href: `/postmortems/${r.item.postmortemId}` }, 'Open')),
    ),
  );
  const nextUrl = () => {
    const next = new URLSearchParams(params);
    next.set('cursor', page.nextCursor!);
    return `/items?${next.toString()}`;
  };
  const firstUrl = () => {
    const next = new URLSearchParams(params);
    next.delete('cursor');
    return `/items${next.size ? `?${next.toString()}` : ''}`;
  };
  main.append(
    filterForm(
      params,
      teams.map((t) => [t.id, t.name]),
      navigate,
    ),
    h('p', {}, h('a', { href: `/api/v1/action-items.csv${query(listed)}`, download: '' }, 'Export these items as CSV')),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Action items' },
      h(
        'table',
        { class: 'items' },
        h(
          'caption',
          {},
          `Action items (${rows.length} on this page; ${sort ? `sorted by ${sort.label.toLowerCase()}, ${dir === 1 ? 'ascending' : 'descending'}` : 'oldest first'}, across all pages)`,
        ),
        h('thead', {}, header),
        h('tbody', {}, ...(body.length ? body : [h('tr', {}, h('td', { colspan: 10 }, 'No items match'))])),
      ),
    ),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'Pages' },
      params.get('cursor') ? h('a', { href: firstUrl() }, 'First page') : null,
      page.nextCursor ? h('a', { href: nextUrl(), rel: 'next' }, 'Next page') : null,
    ),
  );
}
