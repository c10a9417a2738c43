import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { todayUtc } from '../common/dates.js';
import { EnvConfig } from '../config/index.js';
import { Person } from '../people/index.js';
import { checkItem, checkPostmortem } from './quality-check.js';
import type {
  ActionItemDraft,
  DraftTrackerLookup,
  DraftTrackerRules,
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

/** A postmortem as its owners load it: quality judges it without reading their tables. */
export interface PostmortemQualityInput {
  postmortemId: string;
  riskAccepted: boolean;
  /** The postmortem's items, each as the postmortem rules see it and as a draft. */
  items: Array<{ view: PostmortemItemView; draft: ActionItemDraft }>;
  /** Open items of other postmortems, for the duplicate rule. */
  otherOpenItems: PostmortemItemView[];
  /** Its open recommendations. */
  recommendations: Array<{ id: string; text: string }>;
}

/** Runs the pure rules with what only the database knows: the owner and the tracker. */
@Injectable()
export class QualityService {
  /** Until the trackers feature registers its lookup, a draft's tracker is unknown. */
  private trackerLookup: DraftTrackerLookup = () => Promise.resolve(null);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly env: EnvConfig,
  ) {}

  /**
   * The trackers feature calls this at start-up with how a draft's connection or kind resolves
   * to its rules: trackers depends on quality, so quality cannot import it (an import cycle).
   */
  useTrackerLookup(lookup: DraftTrackerLookup): void {
    this.trackerLookup = lookup;
  }

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
    const tracker = draft.tracker ? await this.trackerLookup(draft.tracker, m) : null;
    const ctx: RuleContext = {
      today: todayUtc(),
      windows: this.windows(),
      owner: await this.resolveOwner(draft.ownerId, tracker, m),
      tracker,
    };
    return checkItem(draft, ctx);
  }

  /** Findings of every item and open recommendation, and of the postmortem as a whole. */
  async checkPostmortem(input: PostmortemQualityInput) {
    const m = this.ds.manager;
    const itemResults = [];
    for (const { view, draft } of input.items) {
      const { findings, passed } = await this.check(draft, m);
      itemResults.push({ actionItemId: view.id, title: view.title, passed, findings });
    }
    const recommendationResults = [];
    for (const rec of input.recommendations) {
      const { findings, passed } = await this.check({ title: rec.text }, m);
      recommendationResults.push({
        recommendationId: rec.id,
        text: rec.text,
        passed,
        findings: findings.filter((f) => f.rule === 'specific' || f.rule === 'blameless'),
      });
    }
    const findings = checkPostmortem({
      postmortemId: input.postmortemId,
      items: input.items.map((i) => i.view),
      otherOpenItems: input.otherOpenItems,
      riskAccepted: input.riskAccepted,
    });
    return { postmortemId: input.postmortemId, findings, items: itemResults, recommendations: recommendationResults };
  }

  private async resolveOwner(
    ownerId: string | null | undefined,
    tracker: DraftTrackerRules | null,
    m: EntityManager,
  ): Promise<ResolvedOwner | null> {
    if (!ownerId) return null;
    const p = /^[0-9a-f-]{36}$/i.test(ownerId) ? await m.getRepository(Person).findOneBy({ id: ownerId }) : null;
    if (!p) return { found: false, active: false, name: '', hasTrackerIdentity: null };
    const hasTrackerIdentity = tracker ? Boolean(tracker.identityOf(p)) : null;
    return { found: true, active: p.active, name: p.name, hasTrackerIdentity };
  }
}
