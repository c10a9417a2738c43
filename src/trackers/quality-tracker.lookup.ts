import { Injectable, type OnModuleInit } from '@nestjs/common';
import { QualityService } from '../quality/index.js';
import { TrackerConnection } from './connections/tracker-connection.entity.js';
import { trackerKind } from './tracker.registry.js';

/**
 * Tells the quality gate which tracker a draft is bound to (its kind's rules name the tracker
 * and the person's identity on it). Quality sits below trackers, so trackers hands it the
 * lookup at start-up instead of quality reading connections.
 */
@Injectable()
export class QualityTrackerLookup implements OnModuleInit {
  constructor(private readonly quality: QualityService) {}

  onModuleInit(): void {
    this.quality.useTrackerLookup(async (tracker, m) => {
      const kind =
        tracker.kind ??
        (tracker.connectionId
          ? ((await m.getRepository(TrackerConnection).findOneBy({ id: tracker.connectionId }))?.kind ?? null)
          : null);
      return kind ? trackerKind(kind) : null;
    });
  }
}
