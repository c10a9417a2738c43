import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionItemsRepository, draftOf, postmortemItemView } from '../action-items/index.js';
import { notFound } from '../common/domain-errors.js';
import { Postmortem } from '../postmortems/index.js';
import { QualityService } from '../quality/index.js';
import { Recommendation } from './recommendation.entity.js';

/**
 * Judges a postmortem's items and open recommendations: this feature owns the recommendations and
 * asks action-items for the items, so the quality gate reads neither table.
 */
@Injectable()
export class PostmortemQualityService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly quality: QualityService,
    private readonly items: ActionItemsRepository,
  ) {}

  async check(postmortemId: string) {
    const m = this.ds.manager;
    const pm = await m.getRepository(Postmortem).findOneBy({ id: postmortemId });
    if (!pm) throw notFound('Postmortem', postmortemId);
    const items = await this.items.listByPostmortem(postmortemId, m);
    const recs = await m
      .getRepository(Recommendation)
      .find({ where: { postmortemId, status: 'proposed' }, order: { createdAt: 'ASC' } });
    const others = await this.items.listOpenOutside(postmortemId, m);
    return this.quality.checkPostmortem({
      postmortemId,
      riskAccepted: Boolean(pm.riskAcceptanceReason),
      items: items.map((i) => ({ view: postmortemItemView(i), draft: draftOf(i) })),
      otherOpenItems: others.map(postmortemItemView),
      recommendations: recs.map((r) => ({ id: r.id, text: r.text })),
    });
  }
}
