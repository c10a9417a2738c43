/** What a notification job run did (the answer of POST /admin/jobs/{name}/run). */
export interface JobResult {
  /** Messages the mail server accepted during this run (also ones planned by an earlier run or another replica). */
  sent: number;
  /** Due by the rules but not written: already sent, quiet time, preferences off, nothing to report. */
  skipped: number;
  /** Messages that failed for good during this run. */
  failed: number;
  /** Without SMTP_URL: messages written to the delivery log and not sent. */
  outbox: number;
  durationMs: number;
}
