import { type ActionItem, api, type Finding, type Page, person } from './api.js';
import { h, setTitle } from './dom.js';
import { daysOverdue } from './items.js';

interface Postmortem {
  id: string;
  title: string;
  severity: string;
  status: string;
  incidentStart: string;
  incidentEnd: string | null;
  summary: string;
  impact: string;
  causes: string[];
}
interface Recommendation {
  id: string;
  text: string;
  status: string;
}
interface Quality {
  findings: Finding[];
  items: Array<{ actionItemId: string; findings: Finding[] }>;
}

const findingList = (findings: Finding[]) =>
  findings.length
    ? h(
        'ul',
        { class: 'findings' },
        ...findings.map((f) =>
          h('li', { class: `sev-${f.severity}` }, h('strong', {}, `${f.rule} (${f.severity})`), `: ${f.message}`),
        ),
      )
    : h('p', {}, 'No findings.');

export async function renderPostmortem(main: HTMLElement, id: string) {
  const [pm, recs, items, quality] = await Promise.all([
    api<Postmortem>(`/postmortems/${id}`),
    api<Page<Recommendation>>(`/postmortems/${id}/recommendations?limit=200`),
    api<Page<ActionItem>>(`/action-items?postmortemId=${id}&limit=200`),
    api<Quality>(`/postmortems/${id}/quality`),
  ]);
  setTitle(main, pm.title);
  const itemFindings = new Map(quality.items.map((i) => [i.actionItemId, i.findings]));
  const owners = await Promise.all(items.items.map((i) => person(i.ownerId)));
  main.append(
    h(
      'p',
      { class: 'range' },
      `${pm.severity} · ${pm.status} · incident ${pm.incidentStart.slice(0, 16).replace('T', ' ')} UTC`,
    ),
    pm.summary ? h('p', {}, pm.summary) : '',
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'h-causes' },
      h('h2', { id: 'h-causes' }, 'Causes and contributing factors'),
      pm.causes.length ? h('ul', {}, ...pm.causes.map((c) => h('li', {}, c))) : h('p', {}, 'None recorded.'),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'h-recs' },
      h('h2', { id: 'h-recs' }, 'Recommendations'),
      recs.items.length
        ? h('ul', {}, ...recs.items.map((r) => h('li', {}, r.text, h('span', { class: 'note' }, ` (${r.status})`))))
        : h('p', {}, 'None recorded.'),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'h-items' },
      h('h2', { id: 'h-items' }, 'Action items'),
      h(
        'div',
        { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Action items of this postmortem' },
        h(
          'table',
          { class: 'items' },
          h('caption', {}, 'Action items with their quality findings'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Title', 'Status', 'Owner', 'Due', 'Days overdue', 'Ticket', 'Findings'].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...(items.items.length
              ? items.items.map((i, n) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, i.title),
                    h('td', {}, i.status.replace('_', ' ')),
                    h('td', {}, owners[n]?.name ?? i.ownerId),
                    h('td', {}, i.dueDate),
                    h('td', {}, daysOverdue(i) || '—'),
                    h(
                      'td',
                      {},
                      i.ticket?.url
                        ? h(
                            'a',
                            { href: i.ticket.url, rel: 'noopener noreferrer' },
                            i.ticket.key ?? `#${i.ticket.number}`,
                          )
                        : (i.ticket?.state ?? '—'),
                    ),
                    h('td', {}, findingList(itemFindings.get(i.id) ?? i.qualityFindings)),
                  ),
                )
              : [h('tr', {}, h('td', { colspan: 7 }, 'No action items'))]),
          ),
        ),
      ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'h-pm-findings', 'data-section': 'postmortem-findings' },
      h('h2', { id: 'h-pm-findings' }, 'Findings on the postmortem as a whole'),
      findingList(quality.findings),
    ),
  );
}
