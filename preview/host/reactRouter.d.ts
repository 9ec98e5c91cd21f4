// react-router-dom 5 ships no types (and @types/react-router-dom would be a dependency for one
// line): the host uses only its Router, to give app pages the router context Grafana gives them.
declare module 'react-router-dom' {
  import { ComponentType, ReactNode } from 'react';

  export const Router: ComponentType<{ history: unknown; children?: ReactNode }>;
}
