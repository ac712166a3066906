import type { ClientHistoryRepository, ClientRepository, OutcomeTally, ScheduleLedgerRepository } from '../../../storage/ports.js';
import type { ClientHistory, ClientRecord } from '../../../storage/records.js';
import type { ClientSettings } from '../api/clientSettings.js';
import type { AlertService } from '../../care/alerts/alertService.js';
import type { Clock } from '../../time/clock.js';
import type { Programme } from '../../config/programmeSchema.js';
import type { GroupDirectory } from '../../care/groups/groupDirectory.js';
import type { Logger } from '../../platform/logger.js';
import type { staffPage, StaffDeps } from '../staffGuard.js';
import type { ChatLinks } from '../../channels/web/chatLinks.js';
import type { ClientData } from '../../care/privacy/clientData.js';
import type { ClientChanged } from '../../platform/clientChanged.js';

/** What every staff page module gets (built once in createApp). */
export interface StaffPagesDeps {
  /** The guard: `server.get('/staff/x', page(['duty','admin'], async (req, res, signedIn) => ...))`. */
  page: ReturnType<typeof staffPage>;
  staff: StaffDeps;
  programme: Programme;
  clients: ClientRepository;
  history: ClientHistoryRepository;
  /** Histories for reports that read many clients and change nothing (not copied: never modify them). */
  readOnlyHistory: { history(clientId: string, months?: readonly string[]): Promise<Readonly<ClientHistory>> };
  /** What the programme outcomes are worked out from, kept up to date by the store as answers are written. */
  outcomes: OutcomeTally;
  alerts: AlertService;
  ledger: Pick<ScheduleLedgerRepository, 'read'>;
  groups: GroupDirectory;
  /** Staff changes to a client's settings (validated, one settings-changed event per real change). */
  settings: ClientSettings;
  /** Tell the client their link worker changed (now, or when quiet hours end); resolves false when there is no way to reach them. */
  tellNewLinkWorker: (client: ClientRecord) => Promise<boolean>;
  /** Web chat links: staff withdraw a client's links from the client page. */
  chatLinks: ChatLinks;
  /** Export and erasure of a client's data (admins only). */
  clientData: ClientData;
  /** A client's settings or links changed: the scheduler looks at them again. */
  clientChanged: Pick<ClientChanged, 'emit'>;
  /** Work slow page figures out in the background (the outcome tally's catch-up after start-up); off when tests drive the clock. */
  background: boolean;
  clock: Clock;
  log: Logger;
}
