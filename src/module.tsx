import React from 'react';
import { AppPlugin, AppRootProps } from '@grafana/data';

/** The app bundles the SafeDeploy Events datasource and the Deploy Impact panel. */
function AppRoot(_props: AppRootProps) {
  return (
    <div>
      <h2>SafeDeploy</h2>
      <p>
        Add a <strong>SafeDeploy Events</strong> data source (Connections → Data sources) for your CI/CD, then add the{' '}
        <strong>Deploy Impact</strong> visualization to any dashboard with an error-rate query.
      </p>
    </div>
  );
}

export const plugin = new AppPlugin<{}>().setRootPage(AppRoot);
