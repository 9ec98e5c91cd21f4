import { FieldConfigProperty } from '@grafana/data';

import { HONOURED_STANDARD_OPTIONS } from './fieldOptions';
import { plugin } from './module';
import { registerStandardFieldConfigs } from './testing/registerStandardFieldConfigs';

// Before the first read of plugin.fieldConfigRegistry, which is built from it then.
registerStandardFieldConfigs();

describe('the panel’s standard field options', () => {
  it('offers unit, decimals, min, max, display name, no value and links', () => {
    const ids = plugin.fieldConfigRegistry.list().map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([...HONOURED_STANDARD_OPTIONS]));
  });

  it('leaves out the options it does not draw: colour scheme, thresholds and value mappings', () => {
    const ids = plugin.fieldConfigRegistry.list().map((item) => item.id);
    expect(ids).not.toContain(FieldConfigProperty.Color);
    expect(ids).not.toContain(FieldConfigProperty.Thresholds);
    expect(ids).not.toContain(FieldConfigProperty.Mappings);
  });
});
