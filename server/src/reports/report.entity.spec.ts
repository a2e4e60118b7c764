import { SITUATION_CODES } from '@shouhu/shared';
import { SITUATIONS_MAX_LENGTH } from './report.entity';

describe('the reports’ situations column', () => {
  // A report names each code at most once (IsSituations), so the longest list is the whole
  // catalogue; a catalogue grown past the column must widen it (and the figures' indexes) first.
  it('holds every code of the catalogue at once, as the JSON stored', () => {
    expect(JSON.stringify(SITUATION_CODES).length).toBeLessThanOrEqual(SITUATIONS_MAX_LENGTH);
  });
});
