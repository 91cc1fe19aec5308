// The session backends of the virtualized modes register themselves when imported here
// (session.ts knows only the native machine).
import './session-vm.js';
