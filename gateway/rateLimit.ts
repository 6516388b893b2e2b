/**
 * Rate limits as token buckets, one per key. The gateway keeps two: one per source address, taken
 * before anything else (a flood from one place is refused before any body is read or signature
 * checked), and one per authenticated client, so one partner's burst (or a retry storm) never slows
 * another partner down. The client's is counted after the signature is verified: forged requests
 * naming a partner must not use up that partner's allowance.
 *
 * The buckets live in this process. With several gateway replicas behind a load balancer, each
 * replica allows `perMinute`, so set it to the partner allowance divided by the replica count.
 */
export interface RateLimitSettings {
  /** Sustained requests per minute per client. */
  perMinute: number;
  /** Requests a client may send at once before the sustained rate applies. */
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
    /** Keys remembered at most (sources are many): buckets that have refilled are forgotten first. */
    private readonly maxKeys = 100_000,
  ) {
    this.perMs = settings.perMinute / 60_000;
  }

  take(clientId: string): RateDecision {
    const now = this.now();
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(clientId)) this.forgetRefilled(now);
    const bucket = this.buckets.get(clientId) ?? { tokens: this.settings.burst, updatedAt: now };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    this.buckets.set(clientId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** A bucket that would be full again is the same as none: dropping it changes no decision. */
  private forgetRefilled(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.settings.burst) this.buckets.delete(key);
    }
    // Still full of active sources: forget the oldest, which at worst grants one of them a fresh burst.
    while (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
