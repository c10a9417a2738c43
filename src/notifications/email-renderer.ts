import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import type { EmailKind } from './email-delivery.entity.js';
import {
  ASSIGNMENT_MJML,
  ASSIGNMENT_TEXT,
  DIGEST_MJML,
  DIGEST_TEXT,
  NUDGE_MJML,
  NUDGE_TEXT,
} from './email-templates.js';

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

const SOURCES: Record<EmailKind, { mjml: string; text: string }> = {
  assignment: { mjml: ASSIGNMENT_MJML, text: ASSIGNMENT_TEXT },
  nudge: { mjml: NUDGE_MJML, text: NUDGE_TEXT },
  digest: { mjml: DIGEST_MJML, text: DIGEST_TEXT },
};

/**
 * Compiles each MJML template once (MJML is slow, about 50 ms a template) to an HTML
 * Handlebars template, so rendering a message is a Handlebars call (HTML-escaped), and its
 * plain-text twin (not escaped) from the same data.
 */
export class EmailRenderer {
  private compiled: Record<EmailKind, Compiled> | null = null;

  async init(): Promise<void> {
    if (this.compiled) return;
    const out = {} as Record<EmailKind, Compiled>;
    for (const kind of Object.keys(SOURCES) as EmailKind[]) {
      const { html, errors } = await mjml2html(SOURCES[kind].mjml, { validationLevel: 'strict', minify: false });
      if (errors.length) throw new Error(`MJML template ${kind}: ${errors.map((e) => e.formattedMessage).join('; ')}`);
      out[kind] = {
        html: Handlebars.compile(html, { strict: false }),
        text: Handlebars.compile(SOURCES[kind].text, { noEscape: true }),
      };
    }
    this.compiled = out;
  }

  render<K extends EmailKind>(kind: K, data: DataOf[K]): { html: string; text: string } {
    if (!this.compiled) throw new Error('EmailRenderer.init() was not awaited');
    const t = this.compiled[kind];
    return { html: t.html(data), text: t.text(data).replace(/\n{3,}/g, '\n\n') };
  }
}
