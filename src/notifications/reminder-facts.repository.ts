import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';
import { ActionItemsRepository, type SqlRow } from '../action-items/index.js';

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

type Row = SqlRow;
const contact = (r: Row, p: string): Contact | null =>
  r[`${p}_id`]
    ? { id: r[`${p}_id`] as string, name: r[`${p}_name`] as string, email: r[`${p}_email`] as string }
    : null;

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
 * The reads the reminders need: items with the people a message goes to, read through the
 * action-items repository (which owns the table), and the directory of people and teams.
 */
@Injectable()
export class ReminderFactsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly items: ActionItemsRepository,
  ) {}

  /** Open, not snoozed items due by `maxDue` whose owner is active and takes nudges. */
  async nudgeCandidates(maxDue: string, now: Date): Promise<NudgeCandidate[]> {
    return (await this.items.nudgeCandidateRows(maxDue, now)).map(candidate);
  }

  async assignment(itemId: string): Promise<AssignmentFacts | null> {
    const row = await this.items.assignmentRow(itemId);
    return row ? candidate(row) : null;
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
    const {
      owned,
      openCounts: counts,
      facilitated,
    } = await this.items.digestRows(ownerIds, facilitatorIds, closedSince, now, createdSince, listedUntil);
    return {
      owned: owned.map(digestItem),
      openCounts: new Map(counts.map((r) => [r.owner_id, r.n])),
      facilitated: facilitated.map(digestItem),
    };
  }
}
