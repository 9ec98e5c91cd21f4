import { DataQueryError, DataQueryResponse, LoadingState } from '@grafana/data';

/** A panel's state and errors, as its data carries them. */
export interface PacketsState {
  state: LoadingState;
  error?: DataQueryError;
  errors?: DataQueryError[];
}

/**
 * The state and errors of a panel's data from its response packets, as Grafana's runRequest
 * (`processResponsePacket`, public/app/features/query/state/runRequest.ts, v10.4.0 and
 * v12.4.0) sets them: the state of the packet that arrived last (Done when it names none, so a
 * query still streaming beside it does not show), Error when any packet holds an error, and the
 * error and errors of the last failing packet in key order: other packets' errors are not listed.
 *
 * @example
 * packetsState({ E: { data: [], error: e }, F: { data: [], error: f } }, { data: [], error: f }) // { state: 'Error', error: f, errors: undefined }
 */
export function packetsState(packets: Record<string, DataQueryResponse>, latest: DataQueryResponse): PacketsState {
  let result: PacketsState = { state: latest.state ?? LoadingState.Done };
  for (const packet of Object.values(packets)) {
    if (packet.error || packet.errors?.length) {
      result = { state: LoadingState.Error, error: packet.error, errors: packet.errors };
    }
  }
  return result;
}
