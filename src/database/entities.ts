import { ActionItem } from '../action-items/action-item.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { WebSession } from '../auth/web-session.entity.js';
import { EmailDelivery } from '../notifications/email-delivery.entity.js';
import { JobRun } from '../notifications/job-run.entity.js';
import { Person } from '../people/person.entity.js';
import { Postmortem } from '../postmortems/postmortem.entity.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { Team } from '../teams/team.entity.js';
import { SyncCursor } from '../trackers/connections/sync-cursor.entity.js';
import { TrackerConnection } from '../trackers/connections/tracker-connection.entity.js';
import { WebhookDelivery } from '../trackers/webhook-delivery.entity.js';

/** Every entity, for the data source and the migration check. */
export const ENTITIES = [
  Team,
  Person,
  Postmortem,
  Recommendation,
  ActionItem,
  AuditLog,
  ApiToken,
  WebSession,
  TrackerConnection,
  SyncCursor,
  WebhookDelivery,
  EmailDelivery,
  JobRun,
];
