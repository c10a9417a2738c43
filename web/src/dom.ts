type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

/** Builds an element; text goes through textContent, so nothing from the API is parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'number' ? String(c) : c);
  return el;
}

export const percent = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10}%`);
export const daysText = (v: number | null) => (v === null ? '–' : `${v} d`);

/** A table for a chart's figures (or any list): caption, header row, body rows. */
export function dataTable(caption: string, head: string[], rows: Array<Array<string | number | Node>>): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...(rows.length
          ? rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))
          : [h('tr', {}, h('td', { colspan: head.length }, 'Nothing to show'))]),
      ),
    ),
  );
}

export function setTitle(main: HTMLElement, title: string): HTMLElement {
  document.title = `${title} · Remediations`;
  const h1 = h('h1', {}, title);
  main.replaceChildren(h1);
  return h1;
}
