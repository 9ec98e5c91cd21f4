import { createContext, useContext } from 'react';

import { PLAIN_DISPLAY, SeriesDisplay } from './seriesDisplays';

/**
 * Each series' display by series id, for the components deep in the view that show a
 * series' numbers (the event tooltip, the ranked rows). Without a provider, as on the app's
 * pages, every series reads as a plain number.
 */
export const SeriesDisplayContext = createContext<(seriesId: string) => SeriesDisplay>(() => PLAIN_DISPLAY);

/** The display of the series with the given id. */
export function useSeriesDisplay(): (seriesId: string) => SeriesDisplay {
  return useContext(SeriesDisplayContext);
}
