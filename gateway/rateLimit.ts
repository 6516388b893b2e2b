/**
 * Per-client rate limit: a token bucket for each authenticated client, so one partner's burst (or a
 * retry storm) never slows another partner down. Counted after the signature is verified: forged
 * requests naming a partner must not use up that partner's allowance.
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
  ) {
    this.perMs = settings.perMinute / 60_000;
  }

  take(clientId: string): RateDecision {
    const now = this.now();
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
}
