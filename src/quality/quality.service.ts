import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { ActionItem } from '../action-items/action-item.entity.js';
import { todayUtc } from '../common/dates.js';
import { notFound } from '../common/domain-errors.js';
import { EnvConfig } from '../config/env.config.js';
import { Person } from '../people/person.entity.js';
import { Postmortem } from '../postmortems/postmortem.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { TrackerConnection } from '../trackers/connections/tracker-connection.entity.js';
import { checkItem, checkPostmortem } from './index.js';
import type {
  ActionItemDraft,
  Finding,
  PostmortemItemView,
  Priority,
  ResolvedOwner,
  RuleContext,
} from './quality.types.js';

export interface CheckResult {
  passed: boolean;
  findings: Finding[];
}

const hasIdentity = (p: Person, kind: 'jira' | 'github' | null) =>
  kind === null ? null : kind === 'github' ? Boolean(p.githubLogin) : Boolean(p.jiraAccountId || p.jiraUsername);

const itemView = (i: ActionItem): PostmortemItemView => ({
  id: i.id,
  postmortemId: i.postmortemId,
  title: i.title,
  description: i.description,
  priority: i.priority,
  horizon: i.horizon,
  status: i.status,
});

/** Runs the pure rules with what only the database knows: the owner and the tracker. */
@Injectable()
export class QualityService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly env: EnvConfig,
  ) {}

  windows(): Record<Priority, number> {
    const e = this.env;
    return {
      critical: e.QUALITY_WINDOW_CRITICAL_DAYS,
      high: e.QUALITY_WINDOW_HIGH_DAYS,
      medium: e.QUALITY_WINDOW_MEDIUM_DAYS,
      low: e.QUALITY_WINDOW_LOW_DAYS,
    };
  }

  async check(draft: ActionItemDraft, m: EntityManager = this.ds.manager): Promise<CheckResult> {
    const kind =
      draft.tracker?.kind ??
      (draft.tracker?.connectionId
        ? ((await m.getRepository(TrackerConnection).findOneBy({ id: draft.tracker.connectionId }))?.kind ?? null)
        : null);
    const withKind: ActionItemDraft = draft.tracker ? { ...draft, tracker: { ...draft.tracker, kind } } : draft;
    const ctx: RuleContext = {
      today: todayUtc(),
      windows: this.windows(),
      owner: await this.resolveOwner(draft.ownerId, kind, m),
    };
    return checkItem(withKind, ctx);
  }

  /** Findings of every item and open recommendation, and of the postmortem as a whole. */
  async checkPostmortem(postmortemId: string) {
    const m = this.ds.manager;
    const pm = await m.getRepository(Postmortem).findOneBy({ id: postmortemId });
    if (!pm) throw notFound('Postmortem', postmortemId);
    const items = await m.getRepository(ActionItem).find({ where: { postmortemId }, order: { createdAt: 'ASC' } });
    const recs = await m
      .getRepository(Recommendation)
      .find({ where: { postmortemId, status: 'proposed' }, order: { createdAt: 'ASC' } });
    const others = await m
      .getRepository(ActionItem)
      .find({ where: { postmortemId: Not(postmortemId), status: In(['open', 'in_progress']) } });
    const itemResults = [];
    for (const item of items) {
      const { findings, passed } = await this.check(this.draftOf(item), m);
      itemResults.push({ actionItemId: item.id, title: item.title, passed, findings });
    }
    const recommendationResults = [];
    for (const rec of recs) {
      const { findings, passed } = await this.check({ title: rec.text }, m);
      recommendationResults.push({
        recommendationId: rec.id,
        text: rec.text,
        passed,
        findings: findings.filter((f) => f.rule === 'specific' || f.rule === 'blameless'),
      });
    }
    const findings = checkPostmortem({
      postmortemId,
      items: items.map(itemView),
      otherOpenItems: others.map(itemView),
      riskAccepted: Boolean(pm.riskAcceptanceReason),
    });
    return { postmortemId, findings, items: itemResults, recommendations: recommendationResults };
  }

  draftOf(item: ActionItem): ActionItemDraft {
    return {
      title: item.title,
      description: item.description,
      successCriteria: item.successCriteria,
      ownerId: item.ownerId,
      dueDate: item.dueDate,
      priority: item.priority,
      horizon: item.horizon,
      type: item.type,
      tracker: item.ticket?.connectionId ? { connectionId: item.ticket.connectionId } : null,
    };
  }

  private async resolveOwner(
    ownerId: string | null | undefined,
    kind: 'jira' | 'github' | null,
    m: EntityManager,
  ): Promise<ResolvedOwner | null> {
    if (!ownerId) return null;
    const p = /^[0-9a-f-]{36}$/i.test(ownerId) ? await m.getRepository(Person).findOneBy({ id: ownerId }) : null;
    if (!p) return { found: false, active: false, name: '', hasTrackerIdentity: null };
    return { found: true, active: p.active, name: p.name, hasTrackerIdentity: hasIdentity(p, kind) };
  }
}
