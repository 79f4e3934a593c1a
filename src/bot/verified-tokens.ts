/**
 * Inbound token checks that passed, kept until the token expires. The Bot Connector sends the same token
 * with every activity for about an hour, and each check verified its RS256 signature again (and, on
 * botbuilder, went through several layers of the SDK's authentication for every turn). What a check
 * depends on is in the key (the header, and whatever of the activity the check reads: its serviceUrl,
 * its channel); only a check that passed is kept, so a forged or refused token is checked in full
 * every time and cannot fill this; an entry is dropped at its token's `exp`, never later (the SDKs
 * allow five minutes past it), and the oldest goes first past `atMost`.
 */
export class VerifiedTokens<T> {
  private readonly kept = new Map<string, { value: T; until: number }>();

  constructor(
    /** When a passed check stops counting (ms since the epoch): its token's expiry; Infinity for a check with no token (authentication off); 0 (never kept) for a refusal a check answers rather than throws. */
    private readonly expiresAt: (value: T) => number,
    private readonly atMost = 256,
    private readonly now: () => number = Date.now,
  ) {}

  /** `check`'s result for `key`: kept from a passed check of the same key until its token expires, else checked now. */
  async verify(key: string, check: () => Promise<T>): Promise<T> {
    const hit = this.kept.get(key);
    if (hit && this.now() < hit.until) return hit.value;
    if (hit) this.kept.delete(key);
    const value = await check();
    const until = this.expiresAt(value);
    if (until > this.now()) {
      if (this.kept.size >= this.atMost) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, { value, until });
    }
    return value;
  }
}

/** A token's `exp` claim (seconds) as ms since the epoch; none (or not a number): not kept. */
export function expiryOf(exp: unknown): number {
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : 0;
}
