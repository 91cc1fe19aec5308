// The equivalence suite (equivalence.ts) in shadow-lazy and shadow-wp modes.
import { MODES } from './helpers.js';
import { equivalenceSuite } from './equivalence.js';

equivalenceSuite(MODES.filter((m) => m.name === 'shadow-lazy' || m.name === 'shadow-wp'));
