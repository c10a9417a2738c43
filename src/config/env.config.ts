import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { validateCronExpression } from 'cron';
import { KEY_FORMAT, parseEncryptionKey } from '../common/credential-cipher.js';

/** Environment values are strings; anything else (a test's object) is left for the validator to reject. */
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['true', '1', 'yes'].includes(text(value).toLowerCase())
      ? true
      : ['false', '0', 'no'].includes(text(value).toLowerCase())
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(text(value)) ? Number(value) : value;
const blankToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Names of variables whose values must never be logged or returned. */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'BOOTSTRAP_ADMIN_TOKEN',
  'JIRA_API_TOKEN',
  'JIRA_PAT',
  'JIRA_WEBHOOK_SECRET',
  'GITHUB_TOKEN',
  'GITHUB_WEBHOOK_SECRET',
  'SMTP_URL',
  'APP_ENCRYPTION_KEY',
] as const;

const IsEncryptionKey = () =>
  ValidateBy({
    name: 'isEncryptionKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseEncryptionKey(value) !== null,
      defaultMessage: () => KEY_FORMAT,
    },
  });

const IsCron = () =>
  ValidateBy({
    name: 'isCron',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && validateCronExpression(value).valid,
      defaultMessage: () => 'must be a cron expression such as "0 * * * *"',
    },
  });

/** `Name <address>` or a bare address. */
const MAILBOX = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

/** Every environment variable the service reads, validated once at boot. */
export class EnvConfig {
  @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' = 'development';
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';
  /** Public base URL of this service, used in links placed on tickets and emails. */
  @Transform(blankToUndefined) @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) PUBLIC_URL?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection string' })
  DATABASE_URL?: string;
  @IsString() EMBEDDED_DB_DIR = './data/pglite';
  @Transform(toInt) @IsInt() @Min(1) @Max(100) DB_POOL_SIZE = 10;
  /**
   * Key of the tracker credentials at rest (AES-256-GCM): 64 hex characters or base64 of 32
   * bytes. Required with DATABASE_URL; the embedded database keeps a generated one beside its data.
   */
  @Transform(blankToUndefined) @IsOptional() @IsEncryptionKey() APP_ENCRYPTION_KEY?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^\S{32,}$/, { message: 'must be at least 32 characters without spaces' })
  BOOTSTRAP_ADMIN_TOKEN?: string;

  @Transform(toBool) @IsBoolean() METRICS_ENABLED = true;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';

  @Transform(toInt) @IsInt() @Min(1) @Max(365) QUALITY_WINDOW_CRITICAL_DAYS = 7;
  @Transform(toInt) @IsInt() @Min(1) @Max(730) QUALITY_WINDOW_HIGH_DAYS = 30;
  @Transform(toInt) @IsInt() @Min(1) @Max(730) QUALITY_WINDOW_MEDIUM_DAYS = 60;
  @Transform(toInt) @IsInt() @Min(1) @Max(1095) QUALITY_WINDOW_LOW_DAYS = 90;

  @Transform(toBool) @IsBoolean() JOBS_ENABLED = true;
  @Transform(toInt) @IsInt() @Min(1) @Max(1440) TRACKER_SYNC_INTERVAL_MINUTES = 5;
  @Transform(toInt) @IsInt() @Min(0) @Max(1440) TRACKER_SYNC_MARGIN_MINUTES = 10;
  /** Hour (UTC) of the nightly full reconcile; a project not fully listed since then is on its next sync. */
  @Transform(toInt) @IsInt() @Min(0) @Max(23) TRACKER_RECONCILE_HOUR_UTC = 3;
  @Transform(toInt) @IsInt() @Min(100) @Max(120000) TRACKER_REQUEST_TIMEOUT_MS = 10000;
  /** First retry delay of a failed ticket creation (doubles each time). */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600) TICKET_RETRY_DELAY_SECONDS = 30;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  JIRA_BASE_URL?: string;
  @IsIn(['cloud', 'datacenter']) JIRA_FLAVOR: 'cloud' | 'datacenter' = 'cloud';
  @Transform(blankToUndefined) @IsOptional() @IsString() JIRA_EMAIL?: string;
  @Transform(blankToUndefined) @IsOptional() @IsString() JIRA_API_TOKEN?: string;
  @Transform(blankToUndefined) @IsOptional() @IsString() JIRA_PAT?: string;
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]+$/, { message: 'must be a Jira project key such as OPS' })
  JIRA_PROJECT?: string;
  @Transform(blankToUndefined) @IsOptional() @IsString() JIRA_WEBHOOK_SECRET?: string;
  @IsUrl({ require_tld: false, require_protocol: true }) GITHUB_API_URL = 'https://api.github.com';
  @Transform(blankToUndefined) @IsOptional() @IsString() GITHUB_TOKEN?: string;
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^[\w.-]+\/[\w.-]+$/, { message: 'must be owner/repo' })
  GITHUB_REPO?: string;
  @Transform(blankToUndefined) @IsOptional() @IsString() GITHUB_WEBHOOK_SECRET?: string;

  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; unset: messages stay in the delivery log. */
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;
  @Matches(MAILBOX, { message: 'must be an address, optionally with a name: Name <a@b.example>' })
  MAIL_FROM = 'Remediation Tracker <remediation@localhost>';
  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(MAILBOX, { message: 'must be an address, optionally with a name: Name <a@b.example>' })
  MAIL_REPLY_TO?: string;
  /** How long a message that the mail server refuses is retried (with backoff) before it is `failed`. */
  @Transform(toInt) @IsInt() @Min(1) @Max(168) MAIL_RETRY_HOURS = 12;
  /** When replicas look for due nudges (a tick only enqueues; keys in the database decide). */
  @IsCron() NUDGE_CRON = '0 * * * *';
  @IsCron() DIGEST_CRON = '0 * * * *';
  /** The digest goes out on this ISO weekday (1 = Monday … 7 = Sunday) at DIGEST_HOUR in each recipient's zone. */
  @Transform(toInt) @IsInt() @Min(1) @Max(7) DIGEST_WEEKDAY = 1;
  @Transform(toInt) @IsInt() @Min(0) @Max(23) DIGEST_HOUR = 9;
  @Transform(toInt) @IsInt() @Min(0) @Max(60) NUDGE_BEFORE_DAYS = 2;
  @Transform(toInt) @IsInt() @Min(1) @Max(90) NUDGE_REPEAT_DAYS = 7;
  @Transform(toInt) @IsInt() @Min(1) @Max(365) ESCALATE_MANAGER_DAYS = 14;
  @Transform(toInt) @IsInt() @Min(1) @Max(365) ESCALATE_FACILITATOR_DAYS = 30;
  /**
   * Also post one comment on the item's linked ticket at each escalation step (manager copied,
   * then facilitator copied), naming who was copied. Off by default.
   */
  @Transform(toBool) @IsBoolean() NUDGE_TICKET_COMMENTS = false;
  /** Nudges go out on weekdays from this local hour … */
  @Transform(toInt) @IsInt() @Min(0) @Max(23) NUDGE_WINDOW_START_HOUR = 9;
  /** … until this one (exclusive). */
  @Transform(toInt) @IsInt() @Min(1) @Max(24) NUDGE_WINDOW_END_HOUR = 17;
  /** An item not acknowledged after this many working days is named in the facilitator's digest. */
  @Transform(toInt) @IsInt() @Min(1) @Max(30) ACK_REMINDER_WORKING_DAYS = 3;
}

export class ConfigError extends Error {}

/**
 * Validates a raw environment; throws ConfigError naming every bad variable. A variable set to
 * the empty string (`JOBS_ENABLED=` in a .env file, or a docker-compose substitution of an unset
 * variable) counts as unset: it takes its default, or stays absent when it has none.
 */
export function loadEnv(raw: NodeJS.ProcessEnv = process.env): EnvConfig {
  const picked: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== '') picked[name] = value;
  const config = plainToInstance(EnvConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const shown = (SECRET_VARIABLES as readonly string[]).includes(e.property)
        ? '(hidden)'
        : JSON.stringify(picked[e.property]);
      return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (config.JIRA_BASE_URL && !config.JIRA_PROJECT)
    throw new ConfigError('Invalid configuration:\n  JIRA_PROJECT: required when JIRA_BASE_URL is set');
  if (config.JIRA_BASE_URL && config.JIRA_FLAVOR === 'cloud' && !(config.JIRA_EMAIL && config.JIRA_API_TOKEN))
    throw new ConfigError(
      'Invalid configuration:\n  JIRA_EMAIL and JIRA_API_TOKEN: required for a Jira Cloud connection',
    );
  if (config.JIRA_BASE_URL && config.JIRA_FLAVOR === 'datacenter' && !config.JIRA_PAT)
    throw new ConfigError('Invalid configuration:\n  JIRA_PAT: required for a Jira Data Center connection');
  if (config.ESCALATE_FACILITATOR_DAYS <= config.ESCALATE_MANAGER_DAYS)
    throw new ConfigError(
      'Invalid configuration:\n  ESCALATE_FACILITATOR_DAYS: must be more than ESCALATE_MANAGER_DAYS',
    );
  if (config.NUDGE_WINDOW_END_HOUR <= config.NUDGE_WINDOW_START_HOUR)
    throw new ConfigError('Invalid configuration:\n  NUDGE_WINDOW_END_HOUR: must be after NUDGE_WINDOW_START_HOUR');
  if (Boolean(config.GITHUB_TOKEN) !== Boolean(config.GITHUB_REPO))
    throw new ConfigError('Invalid configuration:\n  GITHUB_TOKEN and GITHUB_REPO: set both or neither');
  return config;
}
