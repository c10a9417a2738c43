export { type EmailHealth, EmailHealthService } from './email-health.service.js';
export { NotificationsModule } from './notifications.module.js';
