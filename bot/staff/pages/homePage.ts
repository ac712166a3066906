import type { SignedIn } from '../staffSessions.js';
import { html, roleLabel, staffLayout } from './layout.js';

/** The staff home page: who is signed in, open alerts they may see, and where to go. */
export function homePage(
  programmeName: string,
  signedIn: SignedIn,
  linkWorkerName: string | undefined,
  alerts?: { open: number; urgent: number; flags?: number },
): string {
  const { staff } = signedIn;
  const scope =
    staff.role === 'link-worker'
      ? html`You see the clients of your own caseload${linkWorkerName ? html` (${linkWorkerName})` : ''}.`
      : html`You see every client of the programme.`;
  return staffLayout({
    title: 'Home',
    programmeName,
    signedIn,
    current: '/staff',
    body: html`<h1>Hello, ${staff.name}</h1>
<p>You are signed in as ${staff.email}, ${roleLabel(staff.role)}. ${scope}</p>
${
  alerts &&
  (alerts.open > 0
    ? html`<p class="home-alerts"><strong><a href="/staff/alerts">${alerts.open} ${alerts.open === 1 ? 'alert needs' : 'alerts need'} acknowledging</a>${alerts.urgent > 0 ? html`, ${alerts.urgent} urgent` : ''}.</strong></p>`
    : html`<p class="home-alerts">No alerts are waiting to be acknowledged.</p>`)
}
${alerts?.flags ? html`<p class="home-alerts"><a href="/staff/alerts">${alerts.flags} ${alerts.flags === 1 ? 'flag' : 'flags'} for today</a>: routine ${alerts.flags === 1 ? 'alert' : 'alerts'} not acknowledged since an earlier working day.</p>` : ''}
<ul>
  <li><a href="/staff/alerts">Alerts</a>: risk alerts to acknowledge and resolve</li>
  <li><a href="/staff/caseload">Caseload</a>: clients, their check-ins and groups</li>
  <li><a href="/staff/outcomes">Outcomes</a>: scores over the programme</li>
</ul>`,
  });
}
