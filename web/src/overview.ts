import { api, loadTeams, query } from './api.js';
import { chart, COLORS, destroyCharts } from './charts.js';
import { dataTable, daysText, h, percent, setTitle } from './dom.js';

interface Row {
  key: string | null;
  label: string;
  open: number;
  overdue: number;
}
interface Summary {
  range: { from: string; to: string; today: string };
  counts: { open: number; overdue: number; done: number; wontDo: number; opened: number };
  onTime: { closed: number; onTime: number; rate: number | null };
  onTimePrevious: { from: string; to: string; rate: number | null };
  timeToClose: { count: number; medianDays: number | null; p90Days: number | null };
  acknowledgedShare: number | null;
  weekly: Array<{ weekStart: string; opened: number; closed: number; cumulativeOpen: number }>;
  overdueAge: Array<{ bucket: string; count: number }>;
  breakdowns: { team: Row[]; owner: Row[]; priority: Row[]; tracker: Row[] };
}

export const FILTERS = ['from', 'to', 'teamId', 'severity', 'priority', 'tracker'] as const;
const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'];
const PRIORITIES = ['critical', 'high', 'medium', 'low'];
const TRACKERS: Array<[string, string]> = [
  ['jira', 'Jira'],
  ['github', 'GitHub'],
  ['none', 'No ticket'],
];

const select = (name: string, label: string, options: Array<[string, string]>, value: string | null) =>
  h(
    'label',
    {},
    label,
    h(
      'select',
      { name },
      h('option', { value: '' }, 'All'),
      ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );

function figure(id: string, label: string, value: string, note?: string): HTMLElement {
  return h(
    'div',
    { class: 'figure', 'data-figure': id },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'value' }, value), note ? h('span', { class: 'note' }, note) : null),
  );
}

function breakdown(title: string, rows: Row[]): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': `h-${title}` },
    h('h2', { id: `h-${title}` }, `Open and overdue by ${title}`),
    h(
      'div',
      { class: 'chart-and-table' },
      chart(`Open and overdue items by ${title}`, {
        type: 'bar',
        data: {
          labels: rows.map((r) => r.label),
          datasets: [
            { label: 'Open', data: rows.map((r) => r.open), backgroundColor: COLORS.open },
            { label: 'Overdue', data: rows.map((r) => r.overdue), backgroundColor: COLORS.overdue },
          ],
        },
        options: { indexAxis: 'y' },
      }),
      dataTable(
        `Open and overdue by ${title}`,
        [title[0].toUpperCase() + title.slice(1), 'Open', 'Overdue'],
        rows.map((r) => [r.label, r.open, r.overdue]),
      ),
    ),
  );
}

export async function renderOverview(main: HTMLElement, params: URLSearchParams, navigate: (url: string) => void) {
  destroyCharts();
  setTitle(main, 'Overview');
  const [summary, teams] = await Promise.all([
    api<Summary>(`/dashboard/summary${query(Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])))}`),
    loadTeams(),
  ]);
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters' },
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: summary.range.from })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: summary.range.to })),
    select(
      'teamId',
      'Team',
      teams.map((t) => [t.id, t.name]),
      params.get('teamId'),
    ),
    select(
      'severity',
      'Severity',
      SEVERITIES.map((s) => [s, s]),
      params.get('severity'),
    ),
    select(
      'priority',
      'Priority',
      PRIORITIES.map((p) => [p, p]),
      params.get('priority'),
    ),
    select('tracker', 'Tracker', TRACKERS, params.get('tracker')),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: '/', class: 'reset' }, 'Reset'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const v = data.get(f);
      if (typeof v === 'string' && v) next.set(f, v);
    }
    navigate(`/${next.size ? `?${next.toString()}` : ''}`);
  });
  const c = summary.counts;
  const prev = summary.onTimePrevious;
  const itemsLink = (extra: Record<string, string>) =>
    `/items${query({ teamId: params.get('teamId') ?? undefined, priority: params.get('priority') ?? undefined, ...extra })}`;
  const headline = h(
    'dl',
    { class: 'figures', 'aria-label': 'Headline figures' },
    figure('open', 'Open', String(c.open)),
    figure('overdue', 'Overdue', String(c.overdue)),
    figure('done', 'Done', String(c.done), 'closed in the range'),
    figure('wontDo', "Won't do", String(c.wontDo), 'closed in the range'),
    figure('onTimeRate', 'Closed on time', percent(summary.onTime.rate), `previous period ${percent(prev.rate)}`),
    figure('medianDays', 'Median time to close', daysText(summary.timeToClose.medianDays)),
    figure('p90Days', '90th percentile to close', daysText(summary.timeToClose.p90Days)),
    figure('acknowledged', 'Acknowledged by owner', percent(summary.acknowledgedShare), 'of the open items'),
  );
  const weekly = summary.weekly;
  main.append(
    h('p', { class: 'range' }, `${summary.range.from} to ${summary.range.to} (UTC), today ${summary.range.today}.`),
    form,
    headline,
    h(
      'p',
      {},
      h('a', { href: itemsLink({ overdue: 'true' }) }, 'See the overdue items'),
      ' · ',
      h('a', { href: itemsLink({}) }, 'All items'),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'h-weekly' },
      h('h2', { id: 'h-weekly' }, 'Opened, closed and open per week'),
      h(
        'div',
        { class: 'chart-and-table' },
        chart('Opened, closed and cumulative open items per week', {
          type: 'bar',
          data: {
            labels: weekly.map((w) => w.weekStart),
            datasets: [
              { label: 'Opened', data: weekly.map((w) => w.opened), backgroundColor: COLORS.open },
              { label: 'Closed', data: weekly.map((w) => w.closed), backgroundColor: COLORS.closed },
              {
                type: 'line',
                label: 'Open at week end',
                data: weekly.map((w) => w.cumulativeOpen),
                borderColor: COLORS.cumulative,
                backgroundColor: COLORS.cumulative,
              },
            ],
          },
        }),
        dataTable(
          'Per week (weeks start on Monday)',
          ['Week of', 'Opened', 'Closed', 'Open at week end'],
          weekly.map((w) => [w.weekStart, w.opened, w.closed, w.cumulativeOpen]),
        ),
      ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'h-age' },
      h('h2', { id: 'h-age' }, 'Overdue items by days overdue'),
      h(
        'div',
        { class: 'chart-and-table' },
        chart('Overdue items by days overdue', {
          type: 'bar',
          data: {
            labels: summary.overdueAge.map((b) => `${b.bucket} days`),
            datasets: [
              { label: 'Overdue items', data: summary.overdueAge.map((b) => b.count), backgroundColor: COLORS.overdue },
            ],
          },
        }),
        dataTable(
          'Overdue items by age',
          ['Days overdue', 'Items'],
          summary.overdueAge.map((b) => [b.bucket, b.count]),
        ),
      ),
    ),
    breakdown('team', summary.breakdowns.team),
    breakdown('owner', summary.breakdowns.owner),
    breakdown('priority', summary.breakdowns.priority),
    breakdown('tracker', summary.breakdowns.tracker),
  );
}
