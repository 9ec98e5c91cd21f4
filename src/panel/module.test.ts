import { EventSource } from '../events/types';
import { plugin } from './module';

/** The options the panel adds, as the calls it makes on Grafana's options builder. */
function addedOptions(): Array<{ path: string; description?: string }> {
  const added: Array<{ path: string; description?: string }> = [];
  const builder: Record<string, unknown> = new Proxy(
    {},
    {
      get: (_target, method) => (option: { path: string; description?: string }) => {
        if (typeof method === 'string' && method.startsWith('add')) {
          added.push(option);
        }
        return builder;
      },
    }
  );
  plugin.getPanelOptionsSupplier()(builder as never, { data: [] });
  return added;
}

describe('the panel options', () => {
  it('name every event source the Sources filter accepts', () => {
    const sources = addedOptions().find((option) => option.path === 'sources');
    expect(sources).toBeDefined();
    for (const source of Object.values(EventSource)) {
      expect(sources?.description).toContain(source);
    }
  });
});
