// The metrics feature's public surface: other features import from here, never from its files.
// Order matters: the service first, the module last (see action-items/index.ts).
export { MetricsService } from './metrics.service.js';
export { MetricsModule } from './metrics.module.js';
