import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../time/clock.js';

/**
 * What a token grants. `link` opens web chat for a client (`gen`: the client's link generation when
 * it was issued, see ClientRecord.chatLinkGeneration); `conversation` reads and writes one
 * conversation made from a link, never after that link expires (`lexp`) or is withdrawn (`gen`).
 */
export type TokenClaims =
  | { typ: 'link'; sub: string; exp: number; gen?: number }
  | { typ: 'conversation'; sub: string; cid: string; exp: number; gen?: number; lexp?: number };

export type TokenCheck<T> = { ok: true; claims: T } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'wrong_type' };

/**
 * Compact HMAC-SHA256 tokens (`v1.<payload>.<signature>`, base64url). Signed with a server secret,
 * so they need no storage; each carries its purpose and expiry (seconds since the epoch).
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  sign(claims: TokenClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `v1.${payload}.${this.mac(payload)}`;
  }

  /** Expiry `ttlSeconds` from now, in token time. */
  expiresIn(ttlSeconds: number): number {
    return Math.floor(this.clock.now().toSeconds()) + Math.round(ttlSeconds);
  }

  verify<T extends TokenClaims['typ']>(token: string | undefined, typ: T): TokenCheck<Extract<TokenClaims, { typ: T }>> {
    const [version, payload, signature, ...rest] = (token ?? '').split('.');
    if (version !== 'v1' || !payload || !signature || rest.length > 0) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.typ !== typ) return { ok: false, reason: 'wrong_type' };
    if (!(claims.exp > this.clock.now().toSeconds())) return { ok: false, reason: 'expired' };
    return { ok: true, claims: claims as Extract<TokenClaims, { typ: T }> };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`linkwell.${payload}`).digest('base64url');
  }
}
