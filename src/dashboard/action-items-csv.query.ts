import { OmitType } from '@nestjs/swagger';
import { ActionItemQuery } from '../action-items/index.js';

/** The list endpoint's filters; the export has every matching item, so no paging fields. */
export class ActionItemsCsvQuery extends OmitType(ActionItemQuery, ['limit', 'cursor'] as const) {}
