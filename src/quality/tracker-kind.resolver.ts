import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Which kind of tracker a connection id names. Kept apart so the quality feature
 * does not depend on the trackers feature; the trackers module overrides it.
 */
@Injectable()
export class TrackerKindResolver {
  async kindOf(_connectionId: string, _m: EntityManager): Promise<'jira' | 'github' | null> {
    return null;
  }
}
