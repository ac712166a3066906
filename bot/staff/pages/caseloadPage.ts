import type { Server } from 'restify';
import type { StaffPagesDeps } from './staffPagesDeps.js';

/** The caseload page (to be built). */
export function registerCaseloadPage(_server: Server, _deps: StaffPagesDeps): void {}
