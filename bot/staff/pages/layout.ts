import type { SignedIn } from '../staffSessions.js';

/** Markup that is already safe: interpolated into `html` as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

/**
 * Tagged template for server-rendered pages: every interpolation is HTML-escaped unless it is
 * SafeHtml (another `html` fragment); arrays are joined; null, undefined and booleans render nothing,
 * so `${cond && html`...`}` works. Escaping does not make a `javascript:` URL safe in an href.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup (a constant), inserted without escaping. Never pass it anything a person typed. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  return escapeHtml(String(value));
}

/** The hidden field every staff form carries (checked on every POST under /staff). */
export function csrfField(signedIn: Pick<SignedIn, 'csrfToken'>): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${signedIn.csrfToken}">`;
}

const NAV: ReadonlyArray<{ href: string; label: string }> = [
  { href: '/staff', label: 'Home' },
  { href: '/staff/alerts', label: 'Alerts' },
  { href: '/staff/caseload', label: 'Caseload' },
  { href: '/staff/outcomes', label: 'Outcomes' },
];

export interface PageOptions {
  /** The page's own title (the h1 is the page's to write). */
  title: string;
  programmeName: string;
  /** Who is signed in: shows the navigation and the sign-out button. */
  signedIn?: SignedIn | undefined;
  /** Path of this page, marked as current in the navigation. */
  current?: string | undefined;
  body: SafeHtml;
  /** The page has charts (`<canvas data-chart>`): Chart.js and charts.js are loaded, from this server. */
  charts?: boolean | undefined;
}

/**
 * A whole staff page: language, skip link, navigation, sign-out form and the shared stylesheet. No
 * inline script ever; a page with charts loads the two chart scripts from /staff/static/.
 */
export function staffLayout(page: PageOptions): string {
  const { signedIn } = page;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${page.programmeName} staff</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/staff/staff.css">
${
  page.charts &&
  html`<script src="/staff/static/chart.umd.js" defer></script>
<script src="/staff/static/charts.js" defer></script>`
}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <p class="site-name">${page.programmeName} · Linkwell staff</p>
  ${
    signedIn &&
    html`<nav aria-label="Staff pages"><ul>
    ${NAV.map((item) => html`<li><a href="${item.href}"${item.href === page.current ? raw(' aria-current="page"') : ''}>${item.label}</a></li>`)}
  </ul></nav>
  <div class="who">
    <span>Signed in as ${signedIn.staff.name} (${roleLabel(signedIn.staff.role)})</span>
    <form method="post" action="/staff/sign-out" class="sign-out">${csrfField(signedIn)}<button type="submit">Sign out</button></form>
  </div>`
  }
</header>
<main id="main" tabindex="-1">
${page.body}
</main>
</body>
</html>`.value;
}

export function roleLabel(role: SignedIn['staff']['role']): string {
  return role === 'link-worker' ? 'link worker' : role === 'duty' ? 'duty / supervisor' : 'programme admin';
}
