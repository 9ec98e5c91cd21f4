import { eventZoom } from './eventZoom';

describe('eventZoom', () => {
  it('shows two baselines before the event and three impact windows after it', () => {
    expect(eventZoom(1_000_000, 60_000, 30_000)).toStrictEqual([880_000, 1_090_000]);
  });

  describe('edge cases', () => {
    it('zooms to the event alone when the windows are empty', () => {
      expect(eventZoom(5, 0, 0)).toStrictEqual([5, 5]);
    });
  });
});
