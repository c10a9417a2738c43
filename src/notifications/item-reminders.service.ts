import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionItemsRepository } from '../action-items/index.js';
import { AuditService } from '../audit/index.js';
import type { Actor } from '../common/roles.js';
import { DomainError, invalid, notFound } from '../common/domain-errors.js';
import { PeopleService } from '../people/index.js';
import type { SnoozeDto, SnoozeResultDto } from './notification.dto.js';
import type { LinkClaim } from './signed-links.js';

const MAX_SNOOZE_MS = 30 * 86_400_000;

export type AckOutcome = 'acknowledged' | 'already' | 'not-owner' | 'closed' | 'gone';

/**
 * What a person does about reminders: pause them on an item (snooze), confirm they own an item
 * (acknowledge, from the notice's signed link), stop a kind of email (unsubscribe). Items are
 * written through the action-items repository, people through the people service.
 */
@Injectable()
export class ItemRemindersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly items: ActionItemsRepository,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  async snooze(id: string, dto: SnoozeDto, actor: Actor, now = new Date()): Promise<SnoozeResultDto> {
    const until = new Date(/^\d{4}-\d{2}-\d{2}$/.test(dto.until) ? `${dto.until}T00:00:00Z` : dto.until);
    if (Number.isNaN(until.getTime())) throw invalid('until', 'must be an ISO 8601 time or date');
    if (until <= now) throw invalid('until', 'must be in the future');
    if (until.getTime() - now.getTime() > MAX_SNOOZE_MS) throw invalid('until', 'must be at most 30 days ahead');
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, id);
      if (!item) throw notFound('Action item', id);
      if (item.status === 'done' || item.status === 'wont_do')
        throw new DomainError('CONFLICT', `Action item ${id} is ${item.status}; closed items are never nudged`);
      item.snoozedUntil = until;
      item.snoozeReason = dto.reason;
      await this.items.save(m, item);
      await this.audit.record(
        actor,
        'action_item.snooze',
        'action_item',
        id,
        { snoozedUntil: until, snoozeReason: dto.reason },
        m,
      );
      return { id, snoozedUntil: until, snoozeReason: dto.reason };
    });
  }

  async acknowledge(claim: Extract<LinkClaim, { a: 'ack' }>): Promise<{ outcome: AckOutcome; title?: string }> {
    return this.ds.transaction(async (m) => {
      const item = await this.items.lock(m, claim.item);
      if (!item) return { outcome: 'gone' as const };
      const title = item.title;
      if (item.ownerId !== claim.owner) return { outcome: 'not-owner' as const, title };
      if (item.acknowledgedAt) return { outcome: 'already' as const, title };
      if (item.status === 'done' || item.status === 'wont_do') return { outcome: 'closed' as const, title };
      item.acknowledgedAt = new Date();
      await this.items.save(m, item);
      const actor: Actor = { tokenId: null, name: `owner ${claim.owner} (email link)`, role: 'viewer' };
      await this.audit.record(
        actor,
        'action_item.acknowledge',
        'action_item',
        item.id,
        { acknowledgedAt: item.acknowledgedAt },
        m,
      );
      return { outcome: 'acknowledged' as const, title };
    });
  }

  /** One-click unsubscribe (RFC 8058): the signed link names the person and the list. */
  async unsubscribe(claim: Extract<LinkClaim, { a: 'unsubscribe' }>): Promise<boolean> {
    const actor: Actor = { tokenId: null, name: `person ${claim.person} (unsubscribe link)`, role: 'viewer' };
    try {
      await this.people.update(
        claim.person,
        claim.list === 'digest' ? { emailDigest: false } : { emailNudges: false },
        actor,
      );
      return true;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') return false;
      throw err;
    }
  }
}
