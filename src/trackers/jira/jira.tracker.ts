import { Logger } from '@nestjs/common';
import {
  type CreateTicketInput,
  IssueTracker,
  type ListChangedInput,
  type ListChangedResult,
  type TrackerConnectionConfig,
  TrackerError,
  type TrackerIssue,
} from '../issue-tracker.js';
import { countRequests } from '../http/request-counter.js';
import { retryPolicyFrom, sleep as realSleep, type Sleep } from '../http/retry.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../http/timed-fetch.js';
import { type JiraFlavor, type JiraIssue, JiraClient, JiraRequestError, type JiraUser } from './jira.client.js';
import {
  closingTransition,
  createFields,
  DROPPABLE_CREATE_FIELDS,
  ISSUE_FIELDS,
  itemIdFromProperty,
  jiraLabel,
  jqlDateTime,
  jqlString,
  MARKER_PROPERTY,
  markerLabel,
  postmortemLink,
  isoTime,
  resolutionFor,
  toTrackerIssue,
  userIdentity,
} from './jira.mapper.js';

export interface JiraTrackerOptions {
  /** Wait before the second marker search: Cloud's search index lags behind writes. Default 2000 ms. */
  markerSearchDelayMs?: number;
  /** First backoff step for retried reads. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Issue type of created tickets. Default "Task". */
  issueType?: string;
  sleep?: Sleep;
  logger?: Pick<Logger, 'warn'>;
}

const KEY_PATTERN = /^[A-Z][A-Z0-9_]*-\d+$/i;

/** Jira Cloud and Data Center behind the tracker port. */
export class JiraTracker extends IssueTracker {
  readonly kind = 'jira' as const;
  private readonly flavor: JiraFlavor;
  private readonly client: JiraClient;
  private readonly baseUrl: string;
  private readonly sleep: Sleep;
  private readonly logger: Pick<Logger, 'warn'>;
  private self: Promise<JiraUser> | null = null;

  constructor(
    private readonly config: TrackerConnectionConfig,
    private readonly options: JiraTrackerOptions = {},
  ) {
    super();
    if (config.kind !== 'jira') throw new Error(`JiraTracker cannot serve a ${config.kind} connection`);
    if (config.flavor !== 'cloud' && config.flavor !== 'datacenter')
      throw new Error(`unsupported Jira flavor "${config.flavor}"`);
    if (config.flavor === 'cloud' && !config.email)
      throw new Error('Jira Cloud needs the account email with the API token');
    this.flavor = config.flavor;
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.sleep = options.sleep ?? realSleep;
    this.logger = options.logger ?? new Logger(JiraTracker.name);
    this.client = new JiraClient({
      baseUrl: this.baseUrl,
      flavor: this.flavor,
      email: config.email,
      token: config.token,
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      retry: retryPolicyFrom(config, options.retryBaseDelayMs),
      sleep: this.sleep,
    });
  }

  async testConnection(project?: string): Promise<{ user: string; project: string | null }> {
    const user = await this.selfIdentity();
    const key = project ?? this.config.defaultProject ?? null;
    if (!key) return { user, project: null };
    const found = await this.client.getProject(key);
    return { user, project: found.key };
  }

  async createIssue(input: CreateTicketInput): Promise<TrackerIssue> {
    const fields = createFields(input, {
      flavor: this.flavor,
      issueType: this.options.issueType ?? 'Task',
      connectionLabels: this.config.labels ?? [],
    });
    const created = await this.createOnce(input.project, fields);
    await this.attachMarkerAndLink(created.key, input);
    try {
      return await this.getIssue(created.key);
    } catch (error) {
      this.logger.warn(`Jira ${created.key} was created but could not be read back: ${(error as Error).message}`);
      return this.fromCreateInput(created.key, input, fields);
    }
  }

  async findByMarker(_project: string, itemId: string, _since: Date): Promise<TrackerIssue | null> {
    // The label is unique to the item, so neither the project (a human may move the ticket)
    // nor the time narrows the search; both would only risk a duplicate.
    const jql = `labels = ${jqlString(markerLabel(itemId))} ORDER BY created ASC`;
    const search = async () => pickMarked(await this.client.searchAll(jql, ISSUE_FIELDS, [MARKER_PROPERTY]), itemId);
    // Cloud search is eventually consistent: a ticket created a moment ago may not show yet.
    const found = (await search()) ?? (await this.sleep(this.options.markerSearchDelayMs ?? 2000).then(search));
    return found ? toTrackerIssue(found, this.mapContext()) : null;
  }

  async getIssue(keyOrNumber: string, project?: string): Promise<TrackerIssue> {
    const key = this.issueKey(keyOrNumber, project);
    const issue = await this.client.getIssue(key, ISSUE_FIELDS, [MARKER_PROPERTY]);
    // Jira answers an old key with the moved issue under its new key: for us it has gone away.
    if (projectOf(issue.key) !== projectOf(key))
      throw new TrackerError('NOT_FOUND', `Jira ${key} was moved to ${issue.key}`, undefined, 404);
    return toTrackerIssue(issue, this.mapContext());
  }

  async listChanged(input: ListChangedInput): Promise<ListChangedResult> {
    const { result, requests } = await countRequests(async () => {
      let jql = `project = ${jqlString(input.project)} AND labels = ${jqlString(input.label)}`;
      if (input.since) jql += ` AND updated >= ${jqlDateTime(input.since, await this.timeZone())}`;
      // Created order does not change while we page, so DC's offset paging cannot skip an issue that gets updated meanwhile.
      const issues = await this.client.searchAll(`${jql} ORDER BY created ASC`, ISSUE_FIELDS, [MARKER_PROPERTY]);
      const since = input.since?.getTime();
      return dedupe(issues)
        .map((i) => toTrackerIssue(i, this.mapContext()))
        .filter((i) => since === undefined || Date.parse(i.updatedAt) >= since);
    });
    return { issues: result, notModified: false, etag: null, requests };
  }

  async addComment(issue: TrackerIssue, text: string): Promise<void> {
    await this.client.addComment(issue.key, text);
  }

  async ensureLabels(issue: TrackerIssue, labels: readonly string[]): Promise<TrackerIssue> {
    const wanted = labels.map(jiraLabel).filter(Boolean);
    if (wanted.every((l) => issue.labels.includes(l))) return issue;
    await this.client.setLabels(issue.key, [...new Set([...issue.labels, ...wanted])]);
    return this.getIssue(issue.key);
  }

  async close(issue: TrackerIssue, as: 'done' | 'wont_do'): Promise<void> {
    const transitions = await this.client.listTransitions(issue.key);
    const transition = closingTransition(transitions, as);
    if (!transition) {
      const current = await this.getIssue(issue.key);
      if (current.state !== 'open') return;
      throw new TrackerError(
        'CONFLICT',
        `Jira ${issue.key}: no transition from "${current.externalStatus}" into a done status`,
      );
    }
    const resolution = resolutionFor(transition, as);
    await this.client.transition(
      issue.key,
      transition.id,
      resolution ? { resolution: { name: resolution } } : undefined,
    );
    if (as === 'wont_do' && !resolution) {
      await this.client.addComment(
        issue.key,
        'Closed as won\'t do by the remediation tracker (this workflow offers no "Won\'t Do" resolution).',
      );
    }
  }

  async selfIdentity(): Promise<string> {
    const me = await this.myself();
    const identity = userIdentity(me, this.flavor);
    if (!identity) throw new TrackerError('UNKNOWN', 'Jira /myself returned no account id or name');
    return identity;
  }

  private async createOnce(project: string, fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
    try {
      return await this.client.createIssue(fields);
    } catch (error) {
      // A 400 means nothing was created, so sending again is not a replay. Projects often keep
      // priority, due date or assignee off the create screen; those are in the description too.
      const rejected = error instanceof JiraRequestError && error.status === 400 ? Object.keys(error.fieldErrors) : [];
      if (!rejected.length || !rejected.every((f) => DROPPABLE_CREATE_FIELDS.includes(f))) throw error;
      this.logger.warn(`Jira project ${project} rejected ${rejected.join(', ')} on create; creating without them`);
      const reduced = Object.fromEntries(Object.entries(fields).filter(([f]) => !rejected.includes(f)));
      return this.client.createIssue(reduced);
    }
  }

  /** The property and link are retried but not essential: the label already marks the ticket. */
  private async attachMarkerAndLink(key: string, input: CreateTicketInput): Promise<void> {
    const steps: Array<[string, () => Promise<void>]> = [
      ['marker property', () => this.client.setProperty(key, MARKER_PROPERTY, { itemId: input.itemId })],
      ['postmortem link', () => this.client.upsertRemoteLink(key, postmortemLink(input))],
    ];
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (error) {
        this.logger.warn(`Jira ${key}: could not add the ${what}: ${(error as Error).message}`);
      }
    }
  }

  private fromCreateInput(key: string, input: CreateTicketInput, fields: Record<string, unknown>): TrackerIssue {
    return {
      key,
      number: null,
      project: input.project,
      url: `${this.baseUrl}/browse/${key}`,
      title: input.title,
      externalStatus: '',
      state: 'open',
      assignee: input.assignee,
      dueDate: input.dueDate,
      labels: fields.labels as string[],
      updatedAt: new Date().toISOString(),
      itemId: input.itemId,
    };
  }

  private issueKey(keyOrNumber: string, project?: string): string {
    const trimmed = keyOrNumber.trim();
    const projectKey = project ?? this.config.defaultProject;
    const key = /^\d+$/.test(trimmed) && projectKey ? `${projectKey}-${trimmed}` : trimmed;
    if (!KEY_PATTERN.test(key)) throw new TrackerError('NOT_FOUND', `"${keyOrNumber}" is not a Jira issue key`);
    return key.toUpperCase();
  }

  private myself(): Promise<JiraUser> {
    this.self ??= this.client.myself().catch((error) => {
      this.self = null;
      throw error;
    });
    return this.self;
  }

  private async timeZone(): Promise<string> {
    return (await this.myself()).timeZone ?? 'UTC';
  }

  private mapContext() {
    return { baseUrl: this.baseUrl, flavor: this.flavor };
  }
}

function projectOf(key: string): string {
  return key.replace(/-\d+$/, '').toUpperCase();
}

function dedupe(issues: JiraIssue[]): JiraIssue[] {
  return [...new Map(issues.map((i) => [i.key, i])).values()];
}

/**
 * The issue carrying the item's marker. The property proves it; a label alone is accepted
 * too (the property is written after the create and may be missing after a crash), the
 * oldest first, because a clone of the ticket copies its labels.
 */
function pickMarked(issues: JiraIssue[], itemId: string): JiraIssue | null {
  const label = markerLabel(itemId);
  const labelled = issues.filter((i) => i.fields?.labels?.includes(label));
  const proven = labelled.find((i) => itemIdFromProperty(i) === itemId);
  if (proven) return proven;
  const unproven = labelled.filter((i) => itemIdFromProperty(i) === null);
  return (
    unproven.sort((a, b) => Date.parse(isoTime(a.fields.created)) - Date.parse(isoTime(b.fields.created)))[0] ?? null
  );
}
