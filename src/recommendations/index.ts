// The recommendations feature's public surface: other features import from here, never from its files.
// Order matters: the entity and DTOs first, the services and module last (see action-items/index.ts).
export { Recommendation, RECOMMENDATION_STATUSES, type RecommendationStatus } from './recommendation.entity.js';
export {
  AcceptRecommendationDto,
  CreateRecommendationDto,
  DeclineRecommendationDto,
  OverrideDto,
  RecommendationQuery,
} from './recommendation.dto.js';
export { RecommendationDto, RecommendationPageDto } from './recommendation-response.dto.js';
export { recommendationView, type RecommendationView, RecommendationsService } from './recommendations.service.js';
export { PostmortemQualityService } from './postmortem-quality.service.js';
export { RecommendationsModule } from './recommendations.module.js';
