import type { ContactPreferences } from '../channels/contactPreferences.js';
import { isFlagged } from '../care/alerts/alertChain.js';
import { registerAdminRoutes } from '../staff/api/adminRoutes.js';
import { registerAlertRoutes } from '../staff/api/alertRoutes.js';
import { registerAttendanceRoutes } from '../staff/api/attendanceRoutes.js';
import { ClientSettings } from '../staff/api/clientSettings.js';
import { registerGroupRoutes } from '../staff/api/groupRoutes.js';
import { registerAlertPages } from '../staff/pages/alertPages.js';
import { registerCaseloadPage } from '../staff/pages/caseloadPage.js';
import { registerClientDataPages } from '../staff/pages/clientDataPages.js';
import { registerClientPage } from '../staff/pages/clientPage.js';
import { registerOutcomesPage } from '../staff/pages/outcomesPage.js';
import type { StaffPagesDeps } from '../staff/pages/staffPagesDeps.js';
import { registerStaticAssets } from '../staff/pages/staticAssets.js';
import { canSeeClient, type StaffDeps } from '../staff/staffGuard.js';
import { registerStaffRoutes } from '../staff/staffRoutes.js';
import type { Strikes } from '../staff/staffSignIn.js';
import type { Care } from './buildCare.js';
import type { Channels } from './buildChannels.js';
import type { Schedule } from './buildSchedule.js';
import type { Ground } from './ground.js';

/** The staff pages (sign-in gates everything under /staff) and the admin API (bearer token). */
export function buildStaff(g: Ground, care: Care, channels: Channels, schedule: Schedule, contact: ContactPreferences): void {
  const { config, programme, store, clock, log, clientChanged } = g;
  const { server, chatLinks } = channels;
  const { alerts, groupDirectory, clientData } = care;
  const staff: StaffDeps = {
    accounts: store.staffAccounts,
    sessions: store.staffSessions,
    unknownEmails: store.expiring<Strikes>('unknown-staff-email'),
    programme,
    publicBaseUrl: config.publicBaseUrl,
    clock,
    log,
    openAlerts: async ({ staff }) => {
      const unseen = await alerts.list({ state: 'open' });
      const clients = new Map((await store.clients.getMany(unseen.flatMap((a) => a.clientId ?? []))).map((c) => [c.id, c]));
      const open = unseen.filter((alert) => {
        const client = alert.clientId ? clients.get(alert.clientId) : undefined;
        return client ? canSeeClient(staff, client) : staff.role !== 'link-worker';
      });
      return { open: open.length, urgent: open.filter((a) => a.tier === 'urgent').length, flags: open.filter(isFlagged).length };
    },
  };
  const pages: StaffPagesDeps = {
    page: registerStaffRoutes(server, staff),
    staff,
    programme,
    clients: store.clients,
    history: store.clients,
    readOnlyHistory: { history: (clientId, months) => store.clients.readOnlyHistory(clientId, months) },
    outcomes: store.outcomes,
    alerts,
    ledger: store.schedule,
    groups: groupDirectory,
    settings: new ClientSettings({ clients: store.clients, history: store.clients, contact, clock }),
    chatLinks,
    clientData,
    tellNewLinkWorker: schedule.tellNewLinkWorker,
    clientChanged,
    background: g.schedulerMode === 'auto',
    clock,
    log,
  };
  registerStaticAssets(server);
  for (const register of [registerAlertPages, registerCaseloadPage, registerClientPage, registerClientDataPages, registerOutcomesPage]) register(server, pages);

  const { adminApiToken } = config;
  const groups = () => groupDirectory.groups();
  registerAlertRoutes(server, { adminApiToken, alerts, log });
  registerAttendanceRoutes(server, { adminApiToken, clients: store.clients, history: store.clients, groups, clock, log });
  registerGroupRoutes(server, { adminApiToken, directory: groupDirectory, clients: store.clients, history: store.clients, clientChanged, clock, log });
  registerAdminRoutes(server, {
    adminApiToken,
    programme,
    clients: store.clients,
    history: store.clients,
    checkIns: schedule.checkIns,
    contact,
    clientChanged,
    chatLinks,
    clientData,
    clock,
    log,
  });
}
