import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Demo, startDemo } from '../../demo/demo.js';
import { launchChromium } from './browser.js';

const ARTIFACTS = 'test/artifacts';
/** What `npm run demo` shows a newcomer: the screenshots are the README's. */
let demo: Demo;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let postmortemIds: string[];
const requested: string[] = [];
/** Script errors and console errors of the pages: none expected. */
const pageErrors: string[] = [];

beforeAll(async () => {
  demo = await startDemo({ port: 0 });
  base = `http://127.0.0.1:${new URL(demo.url).port}`;
  postmortemIds = demo.postmortemIds;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => requested.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const summary = async (query = '') =>
  (await (
    await fetch(`${base}/api/v1/dashboard/summary${query}`, {
      headers: { Authorization: `Bearer ${demo.viewerToken}` },
    })
  ).json()) as {
    counts: Record<string, number>;
    onTime: { rate: number | null };
  };
const figure = async (id: string) => (await page.locator(`[data-figure="${id}"] .value`).textContent())?.trim();
const openFigureIs = (open: string) =>
  page.locator('[data-figure="open"] .value', { hasText: new RegExp(`^${open}$`) }).waitFor();
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10}%`);

async function audit(name: string, on: Page = page, exclude?: string): Promise<void> {
  const builder = new AxeBuilder({ page: on });
  const result = await (exclude ? builder.exclude(exclude) : builder).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect({ page: name, serious }).toEqual({ page: name, serious: [] });
}

describe('dashboard in Chromium', () => {
  it('sends a signed-out visitor to sign-in, and signs in with a viewer token', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/sign-in\?next=/);
    await audit('sign-in');
    await page.getByLabel('API token').fill('rmt_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The alert is on the page before the answer comes back: wait for its text, not its presence.
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    await page.getByLabel('API token').fill(demo.viewerToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'rt_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  it('shows the headline figures the summary API answers, with charts and tables', async () => {
    const api = await summary();
    expect(api.counts.open).toBeGreaterThan(0);
    for (const key of ['open', 'overdue', 'done', 'wontDo'] as const)
      expect(await figure(key)).toBe(String(api.counts[key]));
    expect(await figure('onTimeRate')).toBe(pct(api.onTime.rate));
    expect(await page.locator('canvas').count()).toBe(6);
    expect(await page.locator('table').count()).toBe(6);
    await audit('overview');
    await page.screenshot({ path: `${ARTIFACTS}/overview.png`, fullPage: true });
  });

  it('a filter changes the figures and the URL, and the URL restores it', async () => {
    const all = await summary();
    await page.locator('select[name="priority"]').selectOption('critical');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/[?&]priority=critical/);
    const critical = await summary('?priority=critical');
    expect(critical.counts.open).toBeLessThan(all.counts.open);
    await openFigureIs(String(critical.counts.open));
    const shared = page.url();
    await page.goto(`${base}/`);
    await openFigureIs(String(all.counts.open));
    await page.goto(shared);
    await openFigureIs(String(critical.counts.open));
    expect(await page.locator('select[name="priority"]').inputValue()).toBe('critical');
  });

  it('lists items with a CSV export link, sortable and filterable', async () => {
    await page.getByRole('link', { name: 'Items', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Action items' }).waitFor();
    await page.locator('table.items').waitFor();
    expect(await page.locator('table.items tbody tr').count()).toBe(50);
    await page.getByRole('link', { name: 'Due', exact: true }).click();
    await page.waitForURL(/sort=dueDate&dir=asc/);
    await page.locator('th[aria-sort="ascending"]').waitFor();
    // The API sorts (across all pages): the rows come in due-date order.
    const due = await page.locator('table.items tbody tr td:nth-of-type(5)').allTextContents();
    expect(due).toEqual([...due].sort());
    await page.locator('select[name="overdue"]').selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/overdue=true/);
    const csv = await page.getByRole('link', { name: 'Export these items as CSV' }).getAttribute('href');
    expect(csv).toBe('/api/v1/action-items.csv?overdue=true&sort=dueDate');
    const res = await page.request.get(`${base}${csv}`);
    expect(res.status()).toBe(200);
    expect((await res.text()).split('\r\n')[0]).toMatch(/^id,title,status/);
    await audit('items');
  });

  it('shows a postmortem with its causes, recommendations, items and findings', async () => {
    await page.goto(`${base}/postmortems/${postmortemIds[0]}`);
    await page.getByRole('heading', { level: 1, name: /Checkout requests timed out/i }).waitFor();
    await page.locator('[data-section="postmortem-findings"]').waitFor();
    await expect(page.locator('#h-causes + ul li').count()).resolves.toBe(4);
    expect(await page.getByRole('heading', { name: 'Recommendations' }).isVisible()).toBe(true);
    expect(await page.locator('text=Improve database performance').count()).toBeGreaterThan(0);
    // The items were accepted past their due dates: the time-bound rule flags them.
    expect(await page.locator('table.items .findings li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-section="postmortem-findings"]').textContent()).toMatch(
      /Findings on the postmortem/,
    );
    await audit('postmortem');
    await page.screenshot({ path: `${ARTIFACTS}/postmortem.png`, fullPage: true });
  });

  it('is usable at phone width', async () => {
    const phone = await context.newPage();
    phone.on('request', (r) => requested.push(r.url()));
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/`);
    await phone.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${ARTIFACTS}/overview-phone.png`, fullPage: true });
    await phone.close();
  });

  it('shows the outbox to admins only, with each message as it was rendered', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.getByRole('link', { name: 'Outbox' }).count()).toBe(0);
    if (!demo.report.email.sent) return; // this build has no email yet (see the demo's report)
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await admin.newPage();
    p.on('request', (r) => requested.push(r.url()));
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${base}/sign-in`);
    await p.getByLabel('API token').fill(demo.adminToken);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('link', { name: 'Outbox' }).click();
    await p.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    expect(await p.locator('table.items tbody tr').count()).toBeGreaterThan(10);
    await audit('outbox', p);
    const first = p.locator('table.items tbody th a').first();
    const subject = (await first.textContent())!;
    await first.click();
    await p.getByRole('heading', { level: 1, name: subject }).waitFor();
    const frame = p.frameLocator('iframe.message');
    await expect(frame.locator('body').textContent()).resolves.toMatch(/\w/);
    expect(await p.locator('pre.message-text').textContent()).toMatch(/\w/);
    // The message frame is sandboxed without scripts, so axe cannot run in it (and would wait for
    // ever); its markup is the email templates', not the pages'.
    await audit('message', p, 'iframe.message');
    await p.screenshot({ path: `${ARTIFACTS}/outbox-message.png`, fullPage: true });
    await admin.close();
  });

  it('signs out', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    expect((await context.cookies()).find((c) => c.name === 'rt_session')).toBeUndefined();
  });

  it('raised no script error on any page', () => {
    // The 401s of the signed-out visit and the wrong token are the only failed loads.
    expect(pageErrors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });

  it('made no request to any host but 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(10);
    const elsewhere = requested.filter((u) => !u.startsWith('data:') && new URL(u).hostname !== '127.0.0.1');
    expect(elsewhere).toEqual([]);
  });
});
