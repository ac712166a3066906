import type { Server } from 'restify';
import type { StaffPagesDeps } from './staffPagesDeps.js';

/** The client page (to be built). */
export function registerClientPage(_server: Server, _deps: StaffPagesDeps): void {}
