import React from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { AnnotationQuery, arrayToDataFrame, DataFrame, DataTopic } from '@grafana/data';

import { Verdict } from '../../engine';
import { eventsToAnnotations } from '../../datasource/eventsToAnnotations';
import { eventsToFrame } from '../../datasource/eventsToFrame';
import { makeEvent } from '../../events/normalize';
import { EventKind, EventSource } from '../../events/types';
import { extractEvents } from '../../frames/extractEvents';
import { TEST_IDS } from '../testIds';
import { makeScored } from '../testing/makeScored';
import { ActingProvider } from './ActingContext';
import { EVENTS_DATASOURCE_TYPE } from './flagTarget';
import { ActionStatus, TurnOffNow } from './TurnOffNow';

// Two SafeDeploy Events data sources of one provider: Unleash in Europe read by the panel's query,
// Unleash in the US read by the dashboard's annotation layer. A flag change from the layer is
// turned off only through the US data source, or not offered.

const turnFlagOff = jest.fn();
const dsGet = jest.fn();
jest.mock('@grafana/runtime', () => jest.requireActual('./testing/actingRuntime').actingRuntime((ref: unknown) => dsGet(ref)));

const EU = { type: EVENTS_DATASOURCE_TYPE, uid: 'unleash-eu' };
const US = { type: EVENTS_DATASOURCE_TYPE, uid: 'unleash-us' };
const PANEL_QUERIES = [{ refId: 'F', datasource: EU, provider: 'unleash' }];

const flagOn = makeEvent({
  time: Date.UTC(2026, 0, 5, 10),
  id: 'unleash:7',
  source: EventSource.Unleash,
  kind: EventKind.Flag,
  flagKey: 'semantic-search',
  environment: 'production',
  toState: 'on',
  tags: ['project:default', 'flag:semantic-search'],
  title: 'semantic-search on in production',
});

/**
 * The annotation frame Grafana hands the panel for a layer on `layer`: the datasource's own
 * `processEvents` (eventsToAnnotations), then each event gets the layer's AnnotationQuery as its
 * `source`, and the events become one frame with every key they carry (@grafana/scenes
 * AnnotationsDataLayer.processEvents and postProcessQueryResult; Grafana's
 * DashboardQueryRunner/utils.ts postProcessQueryResult before scenes).
 */
function layerFrame(layer: AnnotationQuery): DataFrame {
  const events = eventsToAnnotations([eventsToFrame([flagOn], 'Anno')]).map((e) => ({ ...e, source: layer, type: layer.name, color: 'red' }));
  const frame = arrayToDataFrame(events);
  frame.meta = { dataTopic: DataTopic.Annotations };
  return frame;
}

const layer = (datasource: AnnotationQuery['datasource']): AnnotationQuery => ({
  name: 'US flags',
  enable: true,
  iconColor: 'red',
  datasource,
  target: { refId: 'Anno', provider: 'unleash' } as never,
});

function showLayerEvent(annotations: DataFrame[]) {
  const [event] = extractEvents([], annotations);
  const scored = makeScored(event, { verdict: Verdict.TurnOff });
  render(
    <ActingProvider targets={PANEL_QUERIES as never} events={[scored]} wanted>
      <ActionStatus scored={scored} />
      <TurnOffNow scored={scored} />
    </ActingProvider>
  );
}

beforeEach(() => {
  turnFlagOff.mockReset().mockResolvedValue({ outcome: 'acted', message: 'turned flag semantic-search off in production.' });
  dsGet.mockReset().mockResolvedValue({ turnFlagOff });
});

describe('Turn off now on a flag change from an annotation layer', () => {
  it('acts through the layer\'s own data source, not the panel query\'s of the same provider', async () => {
    showLayerEvent([layerFrame(layer(US))]);
    fireEvent.click(await screen.findByTestId(TEST_IDS.turnOffNow));
    // The confirmation's own "Turn off now", after the row's.
    await act(async () => fireEvent.click((await screen.findAllByRole('button', { name: /Turn off now/ })).at(-1)!));
    expect(dsGet.mock.calls).toStrictEqual([[US]]);
    expect(turnFlagOff).toHaveBeenCalledWith(expect.objectContaining({ provider: 'unleash', flag: 'semantic-search', environment: 'production' }));
  });

  it.each([
    ['a data source given by a variable', { type: EVENTS_DATASOURCE_TYPE, uid: '${unleash}' }, /^Not offered: the annotation layer US flags reads it through a data source given by a variable \(\$\{unleash\}\), so which Unleash data source read it is not known here: turn the flag off in Unleash\.$/],
    ['the default data source (none named)', undefined, /the annotation layer US flags names no data source \(it reads the default one\)/],
  ])('offers no button for a layer on %s, and says why', async (_name, datasource, why) => {
    showLayerEvent([layerFrame(layer(datasource))]);
    expect(await screen.findByTestId(TEST_IDS.turnOffUnavailable)).toHaveTextContent(why);
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
    expect(dsGet).not.toHaveBeenCalled();
  });

  it('offers no button for an annotation that does not say where it came from, though one panel query reads that provider', async () => {
    // CONSTRUCTED: an annotation frame whose rows carry the provider as text, no layer.
    const bare = arrayToDataFrame(eventsToAnnotations([eventsToFrame([flagOn], 'Anno')]));
    showLayerEvent([bare]);
    expect(await screen.findByTestId(TEST_IDS.turnOffUnavailable)).toHaveTextContent(/this change names no query of this panel and no annotation layer, so which Unleash data source read it is not known here/);
    expect(screen.queryByTestId(TEST_IDS.turnOffNow)).toBeNull();
    expect(dsGet).not.toHaveBeenCalled();
  });
});
