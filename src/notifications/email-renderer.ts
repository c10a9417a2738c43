import Handlebars from 'handlebars';
import type { EmailKind } from './email-delivery.entity.js';
import { COMPILED_HTML } from './email-templates.compiled.js';
import { ASSIGNMENT_TEXT, DIGEST_TEXT, NUDGE_TEXT } from './email-templates.js';

/** One item line of a digest. */
export interface ItemLine {
  title: string;
  /** "12 days overdue (due Tue 1 Dec 2026)", "due Fri 11 Dec 2026", "closed Mon 30 Nov 2026". */
  note: string;
  postmortemTitle?: string;
  postmortemUrl?: string;
  ticketKey?: string | null;
  ticketUrl?: string | null;
}

export interface ItemDetails {
  title: string;
  description: string | null;
  successCriteria: string;
  due: string;
  priority: string;
  ticketKey: string | null;
  ticketUrl: string | null;
}

interface Common {
  subject: string;
  preview: string;
  recipientName: string;
  footer: string;
  listName: string;
  unsubscribeUrl: string;
}

export interface AssignmentData extends Common {
  item: ItemDetails;
  postmortemTitle: string;
  postmortemUrl: string;
  facilitatorName: string;
  ackUrl: string;
}

export interface NudgeData extends Common {
  lead: string;
  item: ItemDetails;
  postmortemTitle: string;
  postmortemUrl: string;
  copied: string | null;
}

export interface TeamSection {
  name: string;
  open: number;
  overdueCount: number;
  closedOnTime: number;
  owners: Array<{ owner: string; items: ItemLine[] }>;
}

export interface DigestData extends Common {
  lead: string;
  overdue: ItemLine[];
  dueSoon: ItemLine[];
  closed: ItemLine[];
  teams: TeamSection[];
  unacknowledged: ItemLine[];
  itemsUrl: string;
}

export interface DataOf {
  assignment: AssignmentData;
  nudge: NudgeData;
  digest: DigestData;
}

type Compiled = { html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate };

const TEXT: Record<EmailKind, string> = { assignment: ASSIGNMENT_TEXT, nudge: NUDGE_TEXT, digest: DIGEST_TEXT };

/**
 * Renders a message with Handlebars: the HTML part (escaped) from the MJML templates compiled
 * at build time (email-templates.compiled.ts; MJML itself is not loaded in the service), and its
 * plain-text twin (not escaped) from the same data.
 */
export class EmailRenderer {
  private compiled: Record<EmailKind, Compiled> | null = null;

  init(): Promise<void> {
    if (this.compiled) return Promise.resolve();
    const out = {} as Record<EmailKind, Compiled>;
    for (const kind of Object.keys(TEXT) as EmailKind[])
      out[kind] = {
        html: Handlebars.compile(COMPILED_HTML[kind], { strict: false }),
        text: Handlebars.compile(TEXT[kind], { noEscape: true }),
      };
    this.compiled = out;
    return Promise.resolve();
  }

  render<K extends EmailKind>(kind: K, data: DataOf[K]): { html: string; text: string } {
    if (!this.compiled) throw new Error('EmailRenderer.init() was not awaited');
    const t = this.compiled[kind];
    return { html: t.html(data), text: t.text(data).replace(/\n{3,}/g, '\n\n') };
  }
}
