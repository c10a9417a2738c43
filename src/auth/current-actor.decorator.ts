// Moved to common/current-actor.decorator.js. This re-export stays only until the trackers and
// notifications features import from there; nothing else should import it.
export { CurrentActor } from '../common/current-actor.decorator.js';
