// The teams feature's public surface: other features import from here, never from its files.
// Order matters: the entity and DTOs first, the service and module last (see action-items/index.ts).
export { Team } from './team.entity.js';
export { CreateTeamDto, TeamQuery, UpdateTeamDto } from './team.dto.js';
export { TeamDto, TeamPageDto } from './team-response.dto.js';
export { TeamsService, teamView, type TeamView } from './teams.service.js';
export { TeamsModule } from './teams.module.js';
