import type { Server } from 'restify';
import type { StaffPagesDeps } from './staffPagesDeps.js';

/** The programme outcomes page and CSV downloads (to be built). */
export function registerOutcomesPage(_server: Server, _deps: StaffPagesDeps): void {}
