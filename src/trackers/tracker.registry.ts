import { Injectable } from '@nestjs/common';
import { EnvConfig } from '../config/index.js';
import type { TrackerConnection } from './connections/tracker-connection.entity.js';
import { githubKind } from './github/github.kind.js';
import { GithubTracker } from './github/github.tracker.js';
import type { IssueTracker, TrackerConnectionConfig, TrackerKind } from './issue-tracker.js';
import { jiraKind } from './jira/jira.kind.js';
import { JiraTracker } from './jira/jira.tracker.js';
import type { TrackerKindSpec } from './tracker-kind.js';

/** Every supported kind's static rules. */
export const TRACKER_KINDS: readonly TrackerKindSpec[] = [jiraKind, githubKind];

/**
 * The order a pasted reference is offered to the kinds: GitHub's link patterns are strict,
 * while a Jira site may sit at any URL, so GitHub reads first.
 */
export const REFERENCE_KINDS: readonly TrackerKindSpec[] = [githubKind, jiraKind];

/** The static rules of a tracker kind (naming, identities, keys, connection shapes, references). */
export function trackerKind(kind: TrackerKind): TrackerKindSpec {
  switch (kind) {
    case 'jira':
      return jiraKind;
    case 'github':
      return githubKind;
    default:
      throw new Error(`Tracker kind ${String(kind)} is not supported`);
  }
}

/** Resolves a connection row (with its token selected) to its adapter. */
@Injectable()
export class TrackerRegistry {
  constructor(private readonly env: EnvConfig) {}

  forConnection(conn: TrackerConnection): IssueTracker {
    const config: TrackerConnectionConfig = {
      id: conn.id,
      kind: conn.kind,
      name: conn.name,
      baseUrl: conn.baseUrl,
      flavor: conn.flavor,
      email: conn.email,
      token: conn.token,
      defaultProject: conn.defaultProject,
      labels: conn.labels,
      requestTimeoutMs: this.env.TRACKER_REQUEST_TIMEOUT_MS,
    };
    switch (conn.kind) {
      case 'jira':
        return new JiraTracker(config);
      case 'github':
        return new GithubTracker(config);
      default:
        throw new Error(`Tracker kind ${String(conn.kind)} is not supported`);
    }
  }
}
