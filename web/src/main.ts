import './styles.css';
import { api, ApiError } from './api.js';
import { h, setTitle } from './dom.js';
import { renderItems } from './items.js';
import { renderDelivery, renderOutbox } from './outbox.js';
import { renderOverview } from './overview.js';
import { renderPostmortem } from './postmortem.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;

let role: Promise<string> | null = null;
/** The signed-in role, asked once per sign-in: admins get the Outbox link. */
async function showAdminLinks(): Promise<void> {
  role ??= api<{ role: string }>('/auth/session').then(
    (s) => s.role,
    (err: unknown) => {
      role = null;
      throw err;
    },
  );
  const admin = (await role) === 'admin';
  let link = nav.querySelector<HTMLAnchorElement>('a[data-nav="outbox"]');
  if (admin && !link) {
    link = h('a', { href: '/outbox', 'data-nav': 'outbox' }, 'Outbox');
    nav.insertBefore(link, document.getElementById('sign-out'));
  } else if (!admin) link?.remove();
}

function navigate(url: string): void {
  history.pushState(null, '', url);
  void render();
}

function signInPage(next: string): void {
  setTitle(main, 'Sign in');
  nav.hidden = true;
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'sign-in' },
    h('label', {}, 'API token', h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true })),
    h(
      'p',
      { class: 'note' },
      'Any token with the viewer role or above. It is exchanged for a session cookie and not kept by the page.',
    ),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = new FormData(form).get('token');
    const token = typeof value === 'string' ? value : '';
    api('/auth/session', { method: 'POST', body: JSON.stringify({ token }) })
      .then(() => {
        role = null;
        navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/');
      })
      .catch((err: unknown) => {
        error.textContent =
          err instanceof ApiError && err.status === 401 ? 'That token is not valid.' : 'Sign-in failed.';
      });
  });
  main.append(form);
  form.querySelector('input')!.focus();
}

async function render(): Promise<void> {
  const { pathname, search } = location;
  const params = new URLSearchParams(search);
  if (pathname === '/sign-in') return signInPage(params.get('next') ?? '/');
  try {
    nav.hidden = false;
    await showAdminLinks();
    for (const a of nav.querySelectorAll('a'))
      if (a.getAttribute('href') === pathname) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    const pm = /^\/postmortems\/([0-9a-f-]{36})$/.exec(pathname);
    const delivery = /^\/outbox\/([0-9a-f-]{36})$/.exec(pathname);
    if (pathname === '/') await renderOverview(main, params, navigate);
    else if (pathname === '/items') await renderItems(main, params, navigate);
    else if (pm) await renderPostmortem(main, pm[1]);
    else if (pathname === '/outbox') await renderOutbox(main, params, navigate);
    else if (delivery) await renderDelivery(main, delivery[1]);
    else {
      setTitle(main, 'Not found');
      main.append(h('p', {}, h('a', { href: '/' }, 'Back to the overview')));
    }
    main.setAttribute('aria-busy', 'false');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      history.replaceState(null, '', `/sign-in?next=${encodeURIComponent(pathname + search)}`);
      return render();
    }
    setTitle(main, 'Something went wrong');
    main.append(h('p', { class: 'error', role: 'alert' }, err instanceof Error ? err.message : String(err)));
  }
}

// Same-origin links stay in the page: the URL changes, the view follows.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.hasAttribute('download'))
    return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
  main.focus();
});
window.addEventListener('popstate', () => void render());
document.getElementById('sign-out')!.addEventListener('click', () => {
  role = null;
  void api('/auth/session', { method: 'DELETE' }).then(() => navigate('/sign-in'));
});
void render();
