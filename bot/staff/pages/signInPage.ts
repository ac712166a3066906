import { html, staffLayout } from './layout.js';

export interface SignInPageOptions {
  programmeName: string;
  /** The double-submit token for this form (also in the sign-in cookie). */
  formToken: string;
  /** Where to go after signing in (a checked local /staff path). */
  next?: string | undefined;
  /** Typed-in email to show again after a failed attempt (never the password). */
  email?: string | undefined;
  problem?: string | undefined;
}

/** The sign-in form. A problem is announced to screen readers and linked to the field it concerns. */
export function signInPage(options: SignInPageOptions): string {
  return staffLayout({
    title: options.problem ? 'Error: Sign in' : 'Sign in',
    programmeName: options.programmeName,
    body: html`<h1>Sign in</h1>
${options.problem && html`<div class="error" role="alert" id="sign-in-problem"><p>${options.problem}</p></div>`}
<form method="post" action="/staff/sign-in" novalidate>
  <input type="hidden" name="_csrf" value="${options.formToken}">
  ${options.next && html`<input type="hidden" name="next" value="${options.next}">`}
  <label for="email">Email address</label>
  <input id="email" name="email" type="email" autocomplete="username" spellcheck="false" required value="${options.email ?? ''}"${options.problem ? html` aria-describedby="sign-in-problem"` : ''}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <div class="actions"><button type="submit">Sign in</button></div>
</form>
<p class="hint">After 5 wrong passwords in a row, sign-in is paused for 15 minutes. Ask your programme admin if you have forgotten your password.</p>`,
  });
}

/** What a failed sign-in says: the same whether or not the email has an account. */
export const SIGN_IN_PROBLEMS = {
  wrong: 'The email address or password is not right. Check them and try again.',
  locked: (minutes: number) => `Too many attempts: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  missing: 'Enter your email address and password.',
};
