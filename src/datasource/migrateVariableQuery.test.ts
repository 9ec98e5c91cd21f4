import { EventSource } from '../events/types';
import { migrateVariableQuery, VARIABLE_REF_ID } from './migrateVariableQuery';
import { VariableKind } from './types';

describe('migrateVariableQuery', () => {
  it('keeps a query saved by the former metricFindQuery variables and gives it a refId', () => {
    // As the demo dashboard saved it before variables moved to CustomVariableSupport.
    const saved = { kind: 'environments', query: { refId: 'variable', provider: 'github', scope: 'shop/checkout', environment: 'production' } };
    expect(migrateVariableQuery(saved)).toStrictEqual({ ...saved, refId: VARIABLE_REF_ID });
  });

  it('keeps a query that already has a refId as it is', () => {
    const saved = { refId: 'A', kind: VariableKind.Repositories, query: { refId: 'variable', provider: EventSource.GitLab, scope: 'shop' } };
    expect(migrateVariableQuery(saved)).toStrictEqual(saved);
  });

  it.each([
    ['services of github shop/checkout, shop/web', VariableKind.Services, EventSource.GitHub, 'shop/checkout, shop/web'],
    ['environments of gitlab shop/web', VariableKind.Environments, EventSource.GitLab, 'shop/web'],
    ['repositories of github shop', VariableKind.Repositories, EventSource.GitHub, 'shop'],
  ])('reads the definition text %p', (text, kind, provider, scope) => {
    expect(migrateVariableQuery(text)).toStrictEqual({ refId: VARIABLE_REF_ID, kind, query: { refId: 'variable', provider, scope } });
  });

  describe('edge cases', () => {
    it.each([[undefined], [null], [''], ['nonsense'], [{ kind: 'planets' }]])('%p becomes services of an empty GitHub query for the editor to fix', (saved) => {
      expect(migrateVariableQuery(saved)).toMatchObject({ refId: VARIABLE_REF_ID, kind: VariableKind.Services, query: { provider: EventSource.GitHub } });
    });
  });
});
