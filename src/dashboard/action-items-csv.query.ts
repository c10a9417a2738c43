import { OmitType } from '@nestjs/swagger';
import { ActionItemQuery } from '../action-items/action-item.dto.js';

/** The list endpoint's filters; the export has every matching item, so no paging fields. */
export class ActionItemsCsvQuery extends OmitType(ActionItemQuery, ['limit', 'cursor'] as const) {}
