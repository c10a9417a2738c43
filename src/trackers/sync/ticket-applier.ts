import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ActionItem,
  ActionItemsRepository,
  actionItemView,
  applyStatus,
  draftOf,
  factsOf,
  isClosed,
  type TicketLink,
} from '../../action-items/index.js';
import { AuditService } from '../../audit/index.js';
import type { Actor } from '../../common/roles.js';
import { Person } from '../../people/index.js';
import { QualityService } from '../../quality/index.js';
import { trackerKind } from '../tracker.registry.js';
import type { TrackerIssue, TrackerKind } from '../issue-tracker.js';

export type ApplySource = 'sync' | 'webhook' | 'link';

/** The audit actor of a change that came from a tracker. */
export const trackerActor = (source: ApplySource, key: string): Actor => ({
  tokenId: null,
  name: `tracker-${source}:${key}`,
  role: 'admin',
});

/**
 * The ticket fields to remember after the service itself created, linked or changed a
 * ticket. Later syncs apply only what differs from these, so our own writes never echo.
 */
export function rememberTicket(issue: TrackerIssue, now = new Date()): Partial<TicketLink> {
  return {
    key: issue.key,
    number: issue.number,
    url: issue.url,
    externalStatus: issue.externalStatus,
    remoteState: issue.state,
    remoteAssignee: issue.assignee,
    remoteDueDate: issue.dueDate,
    remoteUpdatedAt: parseTime(issue.updatedAt),
    lastSyncedAt: now,
  };
}

/** True when the ticket differs from what the item last saw of it: only those need a write. */
export function ticketDiffers(t: TicketLink, issue: TrackerIssue): boolean {
  return (
    t.state !== 'linked' ||
    issue.state !== t.remoteState ||
    issue.assignee !== t.remoteAssignee ||
    issue.dueDate !== t.remoteDueDate ||
    issue.externalStatus !== t.externalStatus ||
    issue.url !== t.url
  );
}

const MEANINGFUL = ['status', 'wontDoReason', 'ownerId', 'dueDate'] as const;

/**
 * Applies what changed on a ticket to its action item: status (done, won't do, reopened),
 * assignee (to the matching person, else the item is flagged) and the Jira due date.
 * Only fields that differ from the ticket as last seen are applied.
 */
@Injectable()
export class TicketApplier {
  constructor(
    private readonly audit: AuditService,
    private readonly quality: QualityService,
    private readonly items: ActionItemsRepository,
  ) {}

  /**
   * Call inside a transaction holding the item's row lock. Returns whether the item's
   * record changed (status, owner, due date, the ticket's status or flag).
   */
  async apply(
    m: EntityManager,
    item: ActionItem,
    issue: TrackerIssue,
    kind: TrackerKind,
    source: ApplySource,
  ): Promise<boolean> {
    const t = item.ticket;
    // An older view than one already applied (webhooks arrive out of order) changes nothing.
    if (t.remoteUpdatedAt && source !== 'link' && parseTime(issue.updatedAt) < t.remoteUpdatedAt) return false;
    const before = actionItemView(item);
    const facts = factsOf(item);
    const known = t.remoteState !== null;

    if (issue.state !== t.remoteState) {
      if (issue.state === 'open' && isClosed(item.status) && known) applyStatus(item, 'open', null);
      else if (issue.state === 'done' && item.status !== 'done') applyStatus(item, 'done', null);
      else if (issue.state === 'wont_do' && item.status !== 'wont_do')
        applyStatus(item, 'wont_do', `Closed on ${issue.key} as ${issue.closeReason || "won't do"}`);
    }

    let problem = t.state === 'linked' ? t.problem : null;
    if (issue.assignee !== t.remoteAssignee || !known) {
      const owner = issue.assignee ? await this.personFor(m, kind, issue.assignee) : null;
      if (owner) {
        item.ownerId = owner.id;
        problem = null;
      } else if (issue.assignee)
        problem = `${issue.key} is assigned to "${issue.assignee}", who matches no active person; the owner was kept`;
      else problem = known ? `${issue.key} was unassigned; the owner was kept` : problem;
    }
    if (issue.dueDate && issue.dueDate !== t.remoteDueDate) item.dueDate = issue.dueDate;

    item.ticket = { ...t, ...rememberTicket(issue), state: 'linked', problem };
    const after = actionItemView(item);
    const meaningful = MEANINGFUL.some((f) => before[f] !== after[f]);
    if (meaningful) item.qualityFindings = (await this.quality.check(draftOf(item), m)).findings;
    await this.items.saveChanges(m, item, facts, source);
    const changed =
      meaningful ||
      before.ticket?.state !== 'linked' ||
      before.ticket?.problem !== problem ||
      before.ticket?.externalStatus !== issue.externalStatus;
    if (changed)
      await this.audit.recordDiff(
        trackerActor(source, issue.key),
        `action_item.${source}`,
        'action_item',
        item.id,
        withoutSyncTime(before),
        withoutSyncTime(actionItemView(item)),
        m,
      );
    return changed;
  }

  /** The ticket was deleted or moved away: flag the item, never drop it. Returns whether anything changed. */
  async markMissing(m: EntityManager, item: ActionItem, reason: string, source: ApplySource): Promise<boolean> {
    if (item.ticket.state === 'missing' && item.ticket.problem === reason) return false;
    const before = actionItemView(item);
    item.ticket = { ...item.ticket, state: 'missing', problem: reason, lastSyncedAt: new Date() };
    await this.items.save(m, item);
    await this.audit.recordDiff(
      trackerActor(source, item.ticket.key ?? '?'),
      'ticket.missing',
      'action_item',
      item.id,
      withoutSyncTime(before),
      withoutSyncTime(actionItemView(item)),
      m,
    );
    return true;
  }

  private async personFor(m: EntityManager, kind: TrackerKind, identity: string): Promise<Person | null> {
    // Every active person any kind could mean, narrowed by the kind's own rule.
    const candidates = await m
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.active = true')
      .andWhere(
        '(lower(p.githubLogin) = lower(:identity) OR p.jiraAccountId = :identity OR lower(p.jiraUsername) = lower(:identity))',
        { identity },
      )
      .orderBy('p.createdAt', 'ASC')
      .getMany();
    return candidates.find((p) => trackerKind(kind).isPerson(p, identity)) ?? null;
  }
}

function parseTime(iso: string): Date {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? new Date() : new Date(ms);
}

function withoutSyncTime(view: ReturnType<typeof actionItemView>) {
  return { ...view, ticket: view.ticket ? { ...view.ticket, lastSyncedAt: undefined } : null };
}
