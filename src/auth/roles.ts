// Moved to common/roles.js. This re-export stays only until the trackers, notifications and
// quality features and test/support import from there; nothing else should import it.
export * from '../common/roles.js';
