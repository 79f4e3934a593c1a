import { formatDate, formatDateTime } from '../../src/i18n/index.js';
import { inTimeZone, timeZoneOf } from '../../src/i18n/time-zone.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the reader\'s time zone is held per turn', () => {
  it('two turns at once, each awaiting in between, each format in their own zone', async () => {
    const turn = (zone: string, locale: 'en-US' | 'ja-JP') =>
      inTimeZone(zone, async () => {
        await pause();
        const first = formatDateTime(locale, '2026-11-25T16:10:00Z');
        await pause();
        return [first, formatDateTime(locale, '2026-11-25T16:10:00Z')];
      });
    const [tokyo, seattle] = await Promise.all([turn('Asia/Tokyo', 'ja-JP'), turn('America/Los_Angeles', 'en-US')]);
    expect(tokyo).toEqual(['2026年11月26日 1:10', '2026年11月26日 1:10']);
    expect(seattle).toEqual(['Nov 25, 2026, 8:10 AM', 'Nov 25, 2026, 8:10 AM']);
  });

  it.each([
    ['an instant: its day in the zone', '2026-11-25T16:10:00Z', 'Asia/Tokyo', '2026年11月26日'],
    ['a calendar date (a rule counted in UTC days): the same day everywhere', '2026-12-10', 'Pacific/Honolulu', '2026年12月10日'],
    ['a calendar date in Tokyo', '2026-12-10', 'Asia/Tokyo', '2026年12月10日'],
  ])('%s', (_case, iso, zone, shown) => {
    expect(inTimeZone(zone, () => formatDate('ja-JP', iso))).toBe(shown);
  });

  it.each([
    ['Asia/Tokyo', 'Asia/Tokyo'],
    ['Mars/Olympus_Mons', undefined],
    ['', undefined],
    [42, undefined],
  ])('%j is a time zone: %j', (value, zone) => expect(timeZoneOf(value)).toBe(zone));
});
