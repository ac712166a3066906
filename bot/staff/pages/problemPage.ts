import type { SignedIn } from '../staffSessions.js';
import { html, staffLayout } from './layout.js';

/** A page that explains why the request could not be done (403, 404, an expired form, a failure). */
export function problemPage(programmeName: string, title: string, explanation: string, signedIn?: SignedIn): string {
  return staffLayout({
    title,
    programmeName,
    signedIn,
    body: html`<h1>${title}</h1>
<p>${explanation}</p>
<p><a href="/staff">Go to the staff home page</a></p>`,
  });
}
