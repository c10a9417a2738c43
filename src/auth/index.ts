// The auth feature's public surface: other features import from here, never from its files. Roles,
// Actor, @MinRole, @Public and @CurrentActor are in common/roles.js and common/current-actor.decorator.js:
// every feature needs them, and the audit log (which auth writes to) needs them too.
// Order matters: entities and DTOs first, services and the module last (see action-items/index.ts).
export { ApiToken } from './api-token.entity.js';
export { WebSession } from './web-session.entity.js';
export { CreateTokenDto } from './token.dto.js';
export { CreatedTokenDto, TokenDto, TokenPageDto } from './token-response.dto.js';
export { SessionDto, SignInDto } from './session.dto.js';
export { type TokenView, TokensService } from './tokens.service.js';
export { AuthModule } from './auth.module.js';
