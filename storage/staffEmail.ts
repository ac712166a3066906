/** Emails are compared without case or surrounding spaces, on every backend. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
