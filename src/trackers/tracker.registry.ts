import { Injectable } from '@nestjs/common';
import { EnvConfig } from '../config/env.config.js';
import type { TrackerConnection } from './connections/tracker-connection.entity.js';
import { GithubTracker } from './github/github.tracker.js';
import type { IssueTracker, TrackerConnectionConfig } from './issue-tracker.js';
import { JiraTracker } from './jira/jira.tracker.js';

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
