// The dashboard's public surface: the app mounts its module and its static pages from here.
// Order matters: the pages and DTOs first, the service and module last (see action-items/index.ts).
export { PAGE_CSP, webPages } from './web-pages.js';
export { DashboardQuery } from './dashboard-query.dto.js';
export { DashboardSummaryDto } from './dashboard-summary.dto.js';
export { DashboardService } from './dashboard.service.js';
export { DashboardModule } from './dashboard.module.js';
