import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';

/** A valid IANA zone, else UTC (a zone the runtime no longer knows must not stop the reminders). */
export const zoneOf = (tz: string | null | undefined): string => (tz && IANAZone.isValidZone(tz) ? tz : 'UTC');

export interface Contact {
  id: string;
  name: string;
  email: string;
}

export interface NudgeCandidate {
  id: string;
  title: string;
  successCriteria: string;
  dueDate: string;
  priority: string;
  ticketKey: string | null;
  ticketUrl: string | null;
  postmortemId: string;
  postmortemTitle: string;
  owner: Contact & { timezone: string };
  manager: Contact | null;
  lead: Contact | null;
  facilitator: Contact | null;
}

export interface AssignmentFacts extends NudgeCandidate {
  description: string | null;
  ownerId: string;
  status: string;
  ownerWantsMail: boolean;
  ownerActive: boolean;
}

export interface DigestPerson {
  id: string;
  name: string;
  email: string;
  timezone: string;
  teamId: string | null;
  managerId: string | null;
  emailDigest: boolean;
}

export interface DigestItem {
  id: string;
  title: string;
  dueDate: string;
  status: string;
  closedAt: Date | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
  ownerId: string;
  postmortemId: string;
  postmortemTitle: string;
  facilitatorId: string | null;
  ticketKey: string | null;
  ticketUrl: string | null;
}

/** Who gets a digest and how they are organised: small (one row per person and team), loaded once per run. */
export interface DigestDirectory {
  people: DigestPerson[];
  teams: Array<{ id: string; name: string; leadId: string | null }>;
}

/** The items one page of recipients' digests need. */
export interface DigestItems {
  /** Open items due by `listedUntil`, and those closed in [closedSince, now), of the given owners. */
  owned: DigestItem[];
  /** Open items per owner, whatever their due date (a team section counts them, never lists them). */
  openCounts: Map<string, number>;
  /** Open, unacknowledged items created since `createdSince` on postmortems the given people facilitate. */
  facilitated: DigestItem[];
}

type Row = Record<string, unknown>;
const contact = (r: Row, p: string): Contact | null =>
  r[`${p}_id`]
    ? { id: r[`${p}_id`] as string, name: r[`${p}_name`] as string, email: r[`${p}_email`] as string }
    : null;

const ITEM_WITH_PEOPLE = `
  SELECT ai.id, ai.title, ai.description, ai.success_criteria, ai.due_date::text AS due_date, ai.priority, ai.status,
         ai.ticket_key, ai.ticket_url, ai.postmortem_id, pm.title AS pm_title, ai.owner_id,
         o.name AS owner_name, o.email AS owner_email, o.timezone AS owner_tz, o.active AS owner_active,
         o.email_nudges AS owner_nudges,
         mgr.id AS mgr_id, mgr.name AS mgr_name, mgr.email AS mgr_email,
         lead.id AS lead_id, lead.name AS lead_name, lead.email AS lead_email,
         fac.id AS fac_id, fac.name AS fac_name, fac.email AS fac_email
    FROM action_item ai
    JOIN person o ON o.id = ai.owner_id
    JOIN postmortem pm ON pm.id = ai.postmortem_id
    LEFT JOIN person mgr ON mgr.id = o.manager_id AND mgr.active
    LEFT JOIN team t ON t.id = o.team_id
    LEFT JOIN person lead ON lead.id = t.lead_id AND lead.active
    LEFT JOIN person fac ON fac.id = pm.facilitator_id AND fac.active`;

const DIGEST_ITEM = `
  SELECT ai.id, ai.title, ai.due_date::text AS due_date, ai.status, ai.closed_at, ai.created_at, ai.acknowledged_at,
         ai.owner_id, ai.postmortem_id, pm.title AS pm_title, pm.facilitator_id, ai.ticket_key, ai.ticket_url
    FROM action_item ai JOIN postmortem pm ON pm.id = ai.postmortem_id`;

const date = (v: unknown) => (v ? new Date(v as string) : null);

function digestItem(r: Row): DigestItem {
  return {
    id: r.id as string,
    title: r.title as string,
    dueDate: r.due_date as string,
    status: r.status as string,
    closedAt: date(r.closed_at),
    createdAt: date(r.created_at)!,
    acknowledgedAt: date(r.acknowledged_at),
    ownerId: r.owner_id as string,
    postmortemId: r.postmortem_id as string,
    postmortemTitle: r.pm_title as string,
    facilitatorId: r.facilitator_id as string | null,
    ticketKey: r.ticket_key as string | null,
    ticketUrl: r.ticket_url as string | null,
  };
}

function candidate(r: Row): AssignmentFacts {
  return {
    id: r.id as string,
    title: r.title as string,
    description: r.description as string | null,
    successCriteria: r.success_criteria as string,
    dueDate: r.due_date as string,
    priority: r.priority as string,
    status: r.status as string,
    ticketKey: r.ticket_key as string | null,
    ticketUrl: r.ticket_url as string | null,
    postmortemId: r.postmortem_id as string,
    postmortemTitle: r.pm_title as string,
    ownerId: r.owner_id as string,
    ownerActive: r.owner_active as boolean,
    ownerWantsMail: r.owner_nudges as boolean,
    owner: {
      id: r.owner_id as string,
      name: r.owner_name as string,
      email: r.owner_email as string,
      timezone: zoneOf(r.owner_tz as string),
    },
    manager: contact(r, 'mgr'),
    lead: contact(r, 'lead'),
    facilitator: contact(r, 'fac'),
  };
}

/**
 * The reads the reminders need, each one query over action items, their owners, teams and
 * postmortems (read-only; acknowledgement and snooze are written through the action-items
 * repository).
 */
@Injectable()
export class ReminderFactsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Open, not snoozed items due by `maxDue` whose owner is active and takes nudges. */
  async nudgeCandidates(maxDue: string, now: Date): Promise<NudgeCandidate[]> {
    const rows = await this.ds.query<Row[]>(
      `${ITEM_WITH_PEOPLE}
        WHERE ai.status IN ('open', 'in_progress') AND ai.due_date <= $1::date
          AND (ai.snoozed_until IS NULL OR ai.snoozed_until <= $2) AND o.active AND o.email_nudges
        ORDER BY ai.due_date, ai.id`,
      [maxDue, now],
    );
    return rows.map(candidate);
  }

  async assignment(itemId: string): Promise<AssignmentFacts | null> {
    const rows = await this.ds.query<Row[]>(`${ITEM_WITH_PEOPLE} WHERE ai.id = $1`, [itemId]);
    return rows[0] ? candidate(rows[0]) : null;
  }

  /** Everyone active and every team. */
  async digestDirectory(): Promise<DigestDirectory> {
    const [people, teams] = await Promise.all([
      this.ds.query<Row[]>(
        'SELECT id, name, email, timezone, team_id, manager_id, email_digest FROM person WHERE active ORDER BY name, id',
      ),
      this.ds.query<Row[]>('SELECT id, name, lead_id FROM team ORDER BY name'),
    ]);
    return {
      people: people.map((r) => ({
        id: r.id as string,
        name: r.name as string,
        email: r.email as string,
        timezone: zoneOf(r.timezone as string),
        teamId: r.team_id as string | null,
        managerId: r.manager_id as string | null,
        emailDigest: r.email_digest as boolean,
      })),
      teams: teams.map((r) => ({ id: r.id as string, name: r.name as string, leadId: r.lead_id as string | null })),
    };
  }

  /**
   * The items behind one page of digests: those of `ownerIds` (the recipients, the members of
   * the teams they lead, their reports) and the recent unacknowledged ones `facilitatorIds`
   * should hear about. Both in due-date order, as each digest lists them. Reading per page keeps
   * a run's memory at one page's items, not every open item; open items due after `listedUntil`
   * (the last due date any of the page's digests lists) are only counted, in `openCounts`: with
   * due dates spread over three months, that is most of them.
   */
  async digestItems(
    ownerIds: string[],
    facilitatorIds: string[],
    closedSince: Date,
    now: Date,
    createdSince: Date,
    listedUntil: string,
  ): Promise<DigestItems> {
    const [owned, counts, facilitated] = await Promise.all([
      ownerIds.length
        ? this.ds.query<Row[]>(
            `${DIGEST_ITEM}
              WHERE ai.owner_id = ANY($1)
                AND ((ai.status IN ('open', 'in_progress') AND ai.due_date <= $4::date)
                     OR (ai.closed_at >= $2 AND ai.closed_at < $3))
              ORDER BY ai.due_date, ai.id`,
            [ownerIds, closedSince, now, listedUntil],
          )
        : [],
      ownerIds.length
        ? this.ds.query<Array<{ owner_id: string; n: number }>>(
            `SELECT owner_id, count(*)::int AS n FROM action_item
              WHERE owner_id = ANY($1) AND status IN ('open', 'in_progress') GROUP BY owner_id`,
            [ownerIds],
          )
        : [],
      facilitatorIds.length
        ? this.ds.query<Row[]>(
            `${DIGEST_ITEM}
              WHERE pm.facilitator_id = ANY($1) AND ai.status IN ('open', 'in_progress')
                AND ai.acknowledged_at IS NULL AND ai.created_at >= $2
              ORDER BY ai.due_date, ai.id`,
            [facilitatorIds, createdSince],
          )
        : [],
    ]);
    return {
      owned: owned.map(digestItem),
      openCounts: new Map(counts.map((r) => [r.owner_id, r.n])),
      facilitated: facilitated.map(digestItem),
    };
  }
}
