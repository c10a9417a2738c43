// The health check's public surface: the app imports its module from here.
export { HealthDto } from './health-response.dto.js';
export { HealthModule } from './health.module.js';
