import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { EventsDataSource } from './datasource';
import { EventsJsonData, EventsQuery, EventsSecureJsonData } from './types';

export const plugin = new DataSourcePlugin<EventsDataSource, EventsQuery, EventsJsonData, EventsSecureJsonData>(EventsDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
// Variables: EventsDataSource.variables (CustomVariableSupport) brings its own editor.
