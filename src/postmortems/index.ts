// The postmortems feature's public surface: other features import from here, never from its files.
// Order matters: the entity and DTOs first, the service and module last (see action-items/index.ts).
export {
  Postmortem,
  POSTMORTEM_STATUSES,
  type PostmortemStatus,
  SEVERITIES,
  type Severity,
} from './postmortem.entity.js';
export { CreatePostmortemDto, PostmortemQuery, UpdatePostmortemDto } from './postmortem.dto.js';
export { PostmortemDto, PostmortemPageDto } from './postmortem-response.dto.js';
export { PostmortemsService, postmortemView, type PostmortemView } from './postmortems.service.js';
export { PostmortemsModule } from './postmortems.module.js';
