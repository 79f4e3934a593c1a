import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-signature';
export const TIMESTAMP_HEADER = 'x-timestamp';

/** HMAC-SHA256 over `timestamp + '.' + raw body`, hex: what the back office puts in X-Signature. */
export function sign(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

export type SignatureCheck = { ok: true; timestampMs: number } | { ok: false; reason: 'missing' | 'badSignature' | 'stale' };

/**
 * Checks a signed request: the signature first (in constant time), then that its timestamp (Unix
 * seconds) is within `toleranceMs` of now. The caller then refuses a nonce seen within that window.
 */
export function verifySignedRequest(
  secret: string,
  headers: { signature?: string | string[] | undefined; timestamp?: string | string[] | undefined },
  rawBody: string,
  now: Date,
  toleranceMs: number,
): SignatureCheck {
  const signature = typeof headers.signature === 'string' ? headers.signature.trim().replace(/^sha256=/i, '') : undefined;
  const timestamp = typeof headers.timestamp === 'string' ? headers.timestamp.trim() : undefined;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: 'missing' };
  const expected = Buffer.from(sign(secret, timestamp, rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'))) return { ok: false, reason: 'badSignature' };
  const timestampMs = Number(timestamp) * 1000;
  if (Math.abs(now.getTime() - timestampMs) > toleranceMs) return { ok: false, reason: 'stale' };
  return { ok: true, timestampMs };
}
