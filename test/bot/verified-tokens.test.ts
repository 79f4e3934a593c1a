import { VerifiedTokens, expiryOf } from '../../src/bot/verified-tokens.js';

/** A check that counts its runs, passing with a token expiring at `exp` (seconds), or refusing. */
function counted(outcome: { exp?: unknown } | Error) {
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    check: async () => {
      runs++;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

describe('inbound token checks kept until the token expires', () => {
  let now = 1_000_000_000_000;
  const clock = () => now;
  const tokens = () => new VerifiedTokens<{ exp?: unknown }>((v) => expiryOf(v.exp), 3, clock);

  it.each([
    ['expires in an hour, asked again a minute later', 3600, 60_000, 1],
    ['expires in a minute, asked again a second before', 60, 59_000, 1],
    ['expires in a minute, asked again at its expiry', 60, 60_000, 2],
    ['expires in a minute, asked again after it', 60, 61_000, 2],
    ['already expired (within the SDK\'s tolerance)', -10, 1_000, 2],
    ['no exp at all', undefined, 1_000, 2],
    ['an exp that is not a number', '9999999999', 1_000, 2],
  ] as const)('a token that %s is checked %i time(s) in two requests', async (_case, expiresIn, later, runs) => {
    const kept = tokens();
    const exp = typeof expiresIn === 'number' ? now / 1000 + expiresIn : expiresIn;
    const check = counted({ exp });
    await kept.verify('Bearer a', check.check);
    const start = now;
    now += later;
    await kept.verify('Bearer a', check.check);
    now = start;
    expect(check.runs).toBe(runs);
  });

  it('a refused token is checked in full every time, and refused every time', async () => {
    const kept = tokens();
    const check = counted(new Error('Unauthorized'));
    await expect(kept.verify('Bearer forged', check.check)).rejects.toThrow('Unauthorized');
    await expect(kept.verify('Bearer forged', check.check)).rejects.toThrow('Unauthorized');
    expect(check.runs).toBe(2);
  });

  it('another key (another token, or the same token for another serviceUrl) is checked on its own', async () => {
    const kept = tokens();
    const good = counted({ exp: now / 1000 + 3600 });
    const refused = counted(new Error('Unauthorized: the serviceUrl is not the one the token was issued for'));
    await kept.verify('Bearer a\nhttps://smba.trafficmanager.net/jp/', good.check);
    await expect(kept.verify('Bearer a\nhttps://smba.evil.example.com/', refused.check)).rejects.toThrow('serviceUrl');
    expect([good.runs, refused.runs]).toEqual([1, 1]);
  });

  it('keeps at most its bound, dropping the oldest first', async () => {
    const kept = tokens();
    const checks = ['a', 'b', 'c', 'd'].map(() => counted({ exp: now / 1000 + 3600 }));
    for (const [i, c] of checks.entries()) await kept.verify(`Bearer ${i}`, c.check);
    await kept.verify('Bearer 0', checks[0]!.check); // dropped when the fourth came: checked again
    await kept.verify('Bearer 3', checks[3]!.check); // still kept
    expect(checks.map((c) => c.runs)).toEqual([2, 1, 1, 1]);
  });
});
