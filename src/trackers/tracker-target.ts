/** Where an item's ticket goes: a connection and, optionally, a Jira project or GitHub repository. */
export interface TrackerTarget {
  connectionId: string;
  project?: string;
  repo?: string;
}
