import { Injectable } from '@nestjs/common';
import { addDays, addWorkingDays, daysBetween, digestPeriod, formatDate, localDate } from './calendar.js';
import { EmailDeliveriesRepository, type NewDelivery } from './email-deliveries.repository.js';
import { writeAndSend } from './write-and-send.js';
import { EmailDispatcher } from './email-dispatcher.service.js';
import type { ItemLine, TeamSection } from './email-renderer.js';
import type { JobResult } from './job-result.js';
import { MessageComposer } from './message-composer.js';
import { NotificationMetrics } from './notification.metrics.js';
import { NotificationSettings } from './notification-settings.js';
import {
  type DigestDirectory,
  type DigestItem,
  type DigestItems,
  type DigestPerson,
  ReminderFactsRepository,
} from './reminder-facts.repository.js';

const WEEK_MS = 7 * 86_400_000;
/** A digest lists the open items due within this many days of the recipient's today. */
const DUE_SOON_DAYS = 7;
/** Digests rendered and written per batch before they are sent (a lead's digest can be 200 KB). */
const BATCH = 20;
/**
 * Recipients whose items are read at once: a page's items (theirs, their teams' and reports',
 * those they facilitate) are all a run holds, not every open item.
 */
const PAGE = 100;
/** Older unacknowledged items (from before notices existed) are not brought up again. */
const ACK_LOOKBACK_MS = 30 * 86_400_000;
const isOpen = (i: DigestItem) => i.status === 'open' || i.status === 'in_progress';

function groupBy<T>(list: T[], key: (t: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    if (k === null) continue;
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  }
  return m;
}

/**
 * The weekly digest: per owner, their overdue items (oldest first), items due within 7 days and
 * items closed last week; per team lead and manager, the team's counts and overdue items by
 * owner; per facilitator, items their owners have not acknowledged. Nothing to report: no email.
 */
@Injectable()
export class WeeklyDigestService {
  constructor(
    private readonly facts: ReminderFactsRepository,
    private readonly deliveries: EmailDeliveriesRepository,
    private readonly composer: MessageComposer,
    private readonly dispatcher: EmailDispatcher,
    private readonly settings: NotificationSettings,
    private readonly metrics: NotificationMetrics,
  ) {}

  async run(now: Date): Promise<JobResult> {
    const started = Date.now();
    const weekAgo = new Date(now.getTime() - WEEK_MS);
    const org = new Organisation(await this.facts.digestDirectory());
    const due: Array<{ p: DigestPerson; period: string; key: string }> = [];
    for (const p of org.people.values()) {
      if (!p.emailDigest) continue;
      const period = digestPeriod(now, p.timezone, this.settings.digestWeekday, this.settings.digestHour);
      if (period) due.push({ p, period, key: `digest:${p.id}:${period}` });
    }
    const existing = await this.deliveries.existingKeys(due.map((d) => d.key));
    const planned = due.filter((d) => !existing.has(d.key));
    const total = { sent: 0, failed: 0, outbox: 0, notWritten: 0 };
    // Nothing new to write still sends what earlier runs left due (writeAndSend drains).
    for (let i = 0; i < Math.max(planned.length, 1); i += PAGE) {
      const page = planned.slice(i, i + PAGE);
      const items = page.length
        ? await this.facts.digestItems(
            org.ownersFor(page.map((d) => d.p.id)),
            page.map((d) => d.p.id),
            weekAgo,
            now,
            new Date(now.getTime() - ACK_LOOKBACK_MS),
            lastListedDue(
              page.map((d) => d.p),
              now,
            ),
          )
        : { owned: [], openCounts: new Map<string, number>(), facilitated: [] };
      const ctx = new DigestContext(org, items, now, weekAgo, this.settings);
      const r = await writeAndSend(
        page,
        (d) => ctx.compose(d.p, d.period, this.composer),
        this.deliveries,
        this.dispatcher,
        BATCH,
      );
      total.sent += r.sent;
      total.failed += r.failed;
      total.outbox += r.outbox;
      total.notWritten += r.notWritten;
    }
    this.metrics.count('digest', 'outbox', total.outbox);
    return {
      sent: total.sent,
      skipped: existing.size + total.notWritten,
      failed: total.failed,
      outbox: total.outbox,
      durationMs: Date.now() - started,
    };
  }
}

/** The last due date an open item can have to be listed in one of these people's digests (due in 7 days). */
function lastListedDue(people: DigestPerson[], now: Date): string {
  let last = '';
  for (const p of people) {
    const d = addDays(localDate(now, p.timezone), DUE_SOON_DAYS);
    if (d > last) last = d;
  }
  return last;
}

/** People and teams indexed once per run: who leads, manages and belongs to what. */
class Organisation {
  readonly people: Map<string, DigestPerson>;
  readonly members: Map<string, DigestPerson[]>;
  readonly reports: Map<string, DigestPerson[]>;
  readonly ledTeams: Map<string, DigestDirectory['teams']>;

  constructor(d: DigestDirectory) {
    this.people = new Map(d.people.map((p) => [p.id, p]));
    this.members = groupBy(d.people, (p) => p.teamId);
    this.reports = groupBy(d.people, (p) => p.managerId);
    this.ledTeams = groupBy(d.teams, (t) => t.leadId);
  }

  /** Whose items the digests of `recipients` show: their own, their teams' members' and their reports'. */
  ownersFor(recipients: string[]): string[] {
    const ids = new Set(recipients);
    for (const id of recipients) {
      for (const t of this.ledTeams.get(id) ?? []) for (const m of this.members.get(t.id) ?? []) ids.add(m.id);
      for (const r of this.reports.get(id) ?? []) ids.add(r.id);
    }
    return [...ids];
  }
}

/** One page's items indexed once, so each recipient's digest is a few map lookups. */
class DigestContext {
  private readonly byOwner: Map<string, DigestItem[]>;
  private readonly openCounts: Map<string, number>;
  private readonly byFacilitator: Map<string, DigestItem[]>;
  private readonly people: Map<string, DigestPerson>;
  private readonly members: Map<string, DigestPerson[]>;
  private readonly reports: Map<string, DigestPerson[]>;
  private readonly ledTeams: Map<string, DigestDirectory['teams']>;

  constructor(
    org: Organisation,
    items: DigestItems,
    private readonly now: Date,
    private readonly weekAgo: Date,
    private readonly settings: NotificationSettings,
  ) {
    this.byOwner = groupBy(items.owned, (i) => i.ownerId);
    this.openCounts = items.openCounts;
    this.byFacilitator = groupBy(items.facilitated, (i) => i.facilitatorId);
    this.people = org.people;
    this.members = org.members;
    this.reports = org.reports;
    this.ledTeams = org.ledTeams;
  }

  compose(p: DigestPerson, period: string, composer: MessageComposer): NewDelivery | null {
    const today = localDate(this.now, p.timezone);
    const own = this.byOwner.get(p.id) ?? [];
    const overdue = own.filter((i) => isOpen(i) && i.dueDate < today);
    const soon = addDays(today, DUE_SOON_DAYS);
    const dueSoon = own.filter((i) => isOpen(i) && i.dueDate >= today && i.dueDate <= soon);
    const closed = own.filter((i) => i.status === 'done' && this.closedThisWeek(i));
    const teams: TeamSection[] = [];
    const led = this.ledTeams.get(p.id) ?? [];
    for (const t of led) this.addTeam(teams, t.name, this.members.get(t.id) ?? [], today);
    // Reports already shown under a team this person leads are not listed twice.
    const ledIds = new Set(led.map((t) => t.id));
    const reports = (this.reports.get(p.id) ?? []).filter((r) => !r.teamId || !ledIds.has(r.teamId));
    this.addTeam(teams, 'Your reports', reports, today);
    const unack = (this.byFacilitator.get(p.id) ?? []).filter((i) => this.awaitsAck(i));
    if (!overdue.length && !dueSoon.length && !closed.length && !teams.length && !unack.length) return null;
    const line = (i: DigestItem, note: string): ItemLine => ({
      title: i.title,
      note,
      postmortemTitle: i.postmortemTitle,
      postmortemUrl: this.settings.postmortemUrl(i.postmortemId),
      ticketKey: i.ticketKey,
      ticketUrl: i.ticketUrl,
    });
    const overdueNote = (i: DigestItem) =>
      `${daysBetween(i.dueDate, today)} days overdue (due ${formatDate(i.dueDate)})`;
    return composer.digest(
      p,
      period,
      today,
      {
        overdue: overdue.length,
        dueSoon: dueSoon.length,
        closed: closed.length,
        teamOverdue: teams.reduce((n, t) => n + t.overdueCount, 0),
        unacknowledged: unack.length,
      },
      {
        overdue: overdue.map((i) => line(i, overdueNote(i))),
        dueSoon: dueSoon.map((i) => line(i, `due ${formatDate(i.dueDate)}`)),
        closed: closed.map((i) => line(i, `closed ${formatDate(localDate(i.closedAt!, p.timezone))}`)),
        teams: teams,
        unacknowledged: unack.map((i) =>
          line(
            i,
            `owned by ${this.people.get(i.ownerId)?.name ?? 'a former member'}, assigned ${formatDate(localDate(i.createdAt, p.timezone))}`,
          ),
        ),
        itemsUrl: this.settings.itemsUrl(p.id),
      },
    );
  }

  private closedThisWeek(i: DigestItem): boolean {
    return i.closedAt !== null && i.closedAt >= this.weekAgo && i.closedAt < this.now;
  }

  private awaitsAck(i: DigestItem): boolean {
    if (!isOpen(i) || i.acknowledgedAt || this.now.getTime() - i.createdAt.getTime() > ACK_LOOKBACK_MS) return false;
    const zone = this.people.get(i.ownerId)?.timezone ?? 'UTC';
    return addWorkingDays(i.createdAt, this.settings.ackWorkingDays, zone) <= this.now;
  }

  private addTeam(out: TeamSection[], name: string, members: DigestPerson[], today: string): void {
    let open = 0;
    let closedOnTime = 0;
    const owners: TeamSection['owners'] = [];
    for (const m of members) {
      const items = this.byOwner.get(m.id) ?? [];
      const late: ItemLine[] = [];
      // Every open item counts; only those due soon were read (the overdue are listed).
      open += this.openCounts.get(m.id) ?? 0;
      for (const i of items) {
        if (isOpen(i)) {
          if (i.dueDate < today)
            late.push({
              title: i.title,
              note: `${daysBetween(i.dueDate, today)} days overdue (due ${formatDate(i.dueDate)})`,
              postmortemTitle: i.postmortemTitle,
              postmortemUrl: this.settings.postmortemUrl(i.postmortemId),
              ticketKey: i.ticketKey,
              ticketUrl: i.ticketUrl,
            });
        } else if (i.status === 'done' && this.closedThisWeek(i) && localDate(i.closedAt!, m.timezone) <= i.dueDate)
          closedOnTime++;
      }
      if (late.length) owners.push({ owner: m.name, items: late });
    }
    if (!open && !closedOnTime) return;
    out.push({ name, open, overdueCount: owners.reduce((n, o) => n + o.items.length, 0), closedOnTime, owners });
  }
}
