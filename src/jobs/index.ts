// The jobs infrastructure's public surface.
export type { JobHandler, JobMap, JobName, QueueOptions } from './job-map.js';
export { JobsModule } from './jobs.module.js';
export { JobsService } from './jobs.service.js';
