import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { formatDate, type NudgeStep } from './calendar.js';
import type { NewDelivery } from './email-deliveries.repository.js';
import type { EmailKind } from './email-delivery.entity.js';
import { EmailRenderer, type DataOf, type ItemDetails } from './email-renderer.js';
import { EmailSender } from './email-sender.js';
import { NotificationSettings } from './notification-settings.js';
import type { AssignmentFacts, Contact, NudgeCandidate } from './reminder-facts.repository.js';
import { LinkSigner } from './signed-links.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const clip = (s: string, max = 80) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

export interface DigestContent {
  overdue: number;
  dueSoon: number;
  closed: number;
  teamOverdue: number;
  unacknowledged: number;
}

/** Turns facts into a delivery-log row: key, recipients, subject with its count, both parts, headers. */
@Injectable()
export class MessageComposer {
  constructor(
    private readonly settings: NotificationSettings,
    private readonly renderer: EmailRenderer,
    private readonly signer: LinkSigner,
    private readonly sender: EmailSender,
  ) {}

  assignment(f: AssignmentFacts, at: string, day: string): NewDelivery {
    const subject = `1 new remediation item for you: ${clip(f.title)}`;
    const data: DataOf['assignment'] = {
      ...this.common(f.owner, 'nudges', subject, `Due ${formatDate(f.dueDate)}. Please confirm you own it.`),
      item: this.details(f, f.description),
      postmortemTitle: f.postmortemTitle,
      postmortemUrl: this.settings.postmortemUrl(f.postmortemId),
      facilitatorName: f.facilitator?.name ?? 'the postmortem facilitator',
      ackUrl: this.settings.ackUrl(this.signer.sign({ a: 'ack', item: f.id, owner: f.owner.id })),
    };
    return this.row('assignment', `assignment:${f.owner.id}:${f.id}:${at}`, f.owner, [], f.id, at, day, data);
  }

  nudge(c: NudgeCandidate, step: NudgeStep, day: string): NewDelivery {
    const d = step.daysOverdue;
    const subject =
      step.kind === 'before'
        ? `1 remediation item due in ${plural(-d, 'day')}: ${clip(c.title)}`
        : `1 overdue remediation item (${plural(d, 'day')}): ${clip(c.title)}`;
    const cc = this.escalationCc(c, step);
    const lead =
      step.kind === 'before'
        ? `A remediation item you own is due on ${formatDate(c.dueDate)}, in ${plural(-d, 'day')}.`
        : `A remediation item you own was due on ${formatDate(c.dueDate)} and is ${plural(d, 'day')} overdue.`;
    const data: DataOf['nudge'] = {
      ...this.common(c.owner, 'nudges', subject, lead),
      lead,
      item: this.details(c, null),
      postmortemTitle: c.postmortemTitle,
      postmortemUrl: this.settings.postmortemUrl(c.postmortemId),
      copied: cc.length
        ? `Because it is more than ${plural(step.escalation === 2 ? this.settings.rules.facilitatorAfterDays : this.settings.rules.managerAfterDays, 'day')} overdue, ${cc.map((p) => p.name).join(' and ')} ${cc.length === 1 ? 'is' : 'are'} copied.`
        : null,
    };
    return this.row(
      'nudge',
      `nudge:${c.owner.id}:${c.id}:${step.step}`,
      c.owner,
      cc.map((p) => p.email),
      c.id,
      step.step,
      day,
      data,
    );
  }

  digest(
    to: Contact,
    period: string,
    day: string,
    counts: DigestContent,
    data: Omit<DataOf['digest'], keyof ReturnType<MessageComposer['common']> | 'lead'>,
  ): NewDelivery {
    const parts = [
      counts.overdue && plural(counts.overdue, 'overdue remediation item'),
      counts.dueSoon && `${counts.dueSoon} due in 7 days`,
      counts.closed && `${counts.closed} closed`,
      counts.teamOverdue && `${plural(counts.teamOverdue, 'overdue item')} in your teams`,
      counts.unacknowledged && `${counts.unacknowledged} not acknowledged`,
    ].filter(Boolean);
    const subject = `Weekly remediation digest: ${parts.join(', ')}`;
    const lead = `Here is where remediation items stand for the week of ${period}.`;
    const full: DataOf['digest'] = { ...this.common(to, 'digest', subject, parts.join(', ')), lead, ...data };
    return this.row('digest', `digest:${to.id}:${period}`, to, [], null, period, day, full);
  }

  /**
   * The comment for the item's ticket at an escalation step: how long it is overdue and who is
   * copied now, by name only (a ticket is read by more people than the email is). Null when
   * nobody is copied (the owner is their own manager, or has none).
   */
  ticketComment(c: NudgeCandidate, step: NudgeStep): string | null {
    const cc = this.escalationCc(c, step);
    if (step.kind !== 'overdue' || !cc.length) return null;
    return (
      `This remediation item is ${plural(step.daysOverdue, 'day')} overdue (due ${formatDate(c.dueDate)}). ` +
      `The reminders to ${c.owner.name} now copy ${cc.map((p) => p.name).join(' and ')}.`
    );
  }

  private escalationCc(c: NudgeCandidate, step: NudgeStep): Contact[] {
    const cc: Contact[] = [];
    const add = (p: Contact | null) => {
      if (p && p.id !== c.owner.id && !cc.some((x) => x.id === p.id)) cc.push(p);
    };
    if (step.escalation >= 1) add(c.manager ?? c.lead);
    if (step.escalation >= 2) add(c.facilitator);
    return cc;
  }

  private details(c: NudgeCandidate, description: string | null): ItemDetails {
    return {
      title: c.title,
      description,
      successCriteria: c.successCriteria,
      due: formatDate(c.dueDate),
      priority: c.priority,
      ticketKey: c.ticketKey,
      ticketUrl: c.ticketUrl,
    };
  }

  private common(to: Contact, list: 'digest' | 'nudges', subject: string, preview: string) {
    return {
      subject,
      preview,
      recipientName: to.name,
      footer:
        list === 'digest'
          ? `You get this weekly digest because you own, lead or facilitate remediation items. Sent to ${to.email}.`
          : `You get this because you own this remediation item. Sent to ${to.email}.`,
      listName: list === 'digest' ? 'the weekly digest' : 'item reminders',
      unsubscribeUrl: this.settings.unsubscribeUrl(this.signer.sign({ a: 'unsubscribe', person: to.id, list })),
    };
  }

  private row<K extends EmailKind>(
    kind: K,
    key: string,
    to: Contact,
    cc: string[],
    itemId: string | null,
    period: string,
    day: string,
    data: DataOf[K],
  ): NewDelivery {
    const { html, text } = this.renderer.render(kind, data);
    return {
      key,
      kind,
      recipientId: to.id,
      recipientEmail: to.email,
      cc,
      itemId,
      period,
      day,
      status: this.sender.delivers ? 'pending' : 'outbox',
      messageId: `<${randomUUID()}@${this.settings.domain}>`,
      subject: data.subject,
      html,
      text,
      headers: {
        'List-Unsubscribe': `<${data.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }
}
