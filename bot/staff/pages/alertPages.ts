import type { Server } from 'restify';
import type { StaffPagesDeps } from './staffPagesDeps.js';

/** The alerts inbox and alert pages (to be built). */
export function registerAlertPages(_server: Server, _deps: StaffPagesDeps): void {}
