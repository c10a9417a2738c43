// The quality feature's public surface: other features import from here, never from its files.
// Quality sits below action-items, recommendations and trackers (they call it), so nothing here
// imports them: callers pass what only they know (the items, the tracker's rules).
// Order matters: pure rules and types first, the service and module last.
export * from './quality.types.js';
export { checkItem, checkPostmortem, ITEM_RULES, POSTMORTEM_RULES, similarity } from './quality-check.js';
export {
  CheckResultDto,
  DraftTrackerDto,
  EvidenceDto,
  FindingDto,
  ItemQualityDto,
  PostmortemFindingDto,
  PostmortemQualityDto,
  QualityCheckDto,
  RecommendationQualityDto,
} from './quality.dto.js';
export { type CheckResult, type PostmortemQualityInput, QualityService } from './quality.service.js';
export { QualityModule } from './quality.module.js';
