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
  type DigestFacts,
  type DigestItem,
  type DigestPerson,
  ReminderFactsRepository,
} from './reminder-facts.repository.js';

const WEEK_MS = 7 * 86_400_000;
/** Digests rendered and written per batch before they are sent (a lead's digest can be 200 KB). */
const BATCH = 20;
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
    const f = await this.facts.digest(weekAgo, now);
    const due: Array<{ p: DigestPerson; period: string; key: string }> = [];
    for (const p of f.people) {
      if (!p.emailDigest) continue;
      const period = digestPeriod(now, p.timezone, this.settings.digestWeekday, this.settings.digestHour);
      if (period) due.push({ p, period, key: `digest:${p.id}:${period}` });
    }
    const existing = await this.deliveries.existingKeys(due.map((d) => d.key));
    const ctx = new DigestContext(f, now, weekAgo, this.settings);
    const r = await writeAndSend(
      due.filter((d) => !existing.has(d.key)),
      (d) => ctx.compose(d.p, d.period, this.composer),
      this.deliveries,
      this.dispatcher,
      BATCH,
    );
    this.metrics.count('digest', 'outbox', r.outbox);
    return {
      sent: r.sent,
      skipped: existing.size + r.notWritten,
      failed: r.failed,
      outbox: r.outbox,
      durationMs: Date.now() - started,
    };
  }
}

/** The week's facts indexed once, so each recipient's digest is a few map lookups. */
class DigestContext {
  private readonly byOwner: Map<string, DigestItem[]>;
  private readonly byFacilitator: Map<string, DigestItem[]>;
  private readonly people: Map<string, DigestPerson>;
  private readonly members: Map<string, DigestPerson[]>;
  private readonly reports: Map<string, DigestPerson[]>;
  private readonly ledTeams: Map<string, DigestFacts['teams']>;

  constructor(
    f: DigestFacts,
    private readonly now: Date,
    private readonly weekAgo: Date,
    private readonly settings: NotificationSettings,
  ) {
    this.byOwner = groupBy(f.items, (i) => i.ownerId);
    this.byFacilitator = groupBy(f.items, (i) => i.facilitatorId);
    this.people = new Map(f.people.map((p) => [p.id, p]));
    this.members = groupBy(f.people, (p) => p.teamId);
    this.reports = groupBy(f.people, (p) => p.managerId);
    this.ledTeams = groupBy(f.teams, (t) => t.leadId);
  }

  compose(p: DigestPerson, period: string, composer: MessageComposer): NewDelivery | null {
    const today = localDate(this.now, p.timezone);
    const own = this.byOwner.get(p.id) ?? [];
    const overdue = own.filter((i) => isOpen(i) && i.dueDate < today);
    const dueSoon = own.filter((i) => isOpen(i) && i.dueDate >= today && i.dueDate <= addDays(today, 7));
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
      for (const i of items) {
        if (isOpen(i)) {
          open++;
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
