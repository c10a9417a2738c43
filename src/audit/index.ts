// The audit log's public surface: other features import from here, never from its files.
// Order matters: the entity and DTOs first, the service and module last (see action-items/index.ts).
export { AuditLog } from './audit-log.entity.js';
export { AuditEntryDto, AuditLogQuery, AuditPageDto } from './audit.dto.js';
export { AuditService } from './audit.service.js';
export { AuditModule } from './audit.module.js';
