// The equivalence suite (equivalence.ts) in native and EPT modes.
import { MODES } from './helpers.js';
import { equivalenceSuite } from './equivalence.js';

equivalenceSuite(MODES.filter((m) => m.name === 'native' || m.name === 'ept'));
