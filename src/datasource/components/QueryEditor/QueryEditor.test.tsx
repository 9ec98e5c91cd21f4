import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { EventSource } from '../../../events/types';
import { EventsQuery, EventsSource } from '../../types';
import { QueryEditor } from './QueryEditor';

const query = (environment: string): EventsQuery => ({ refId: 'A', provider: EventSource.GitHub, scope: 'shop/web', environment });

function editor(current: EventsQuery, onChange = jest.fn()) {
  return <QueryEditor datasource={{} as EventsSource} query={current} onChange={onChange} onRunQuery={jest.fn()} />;
}

describe('QueryEditor', () => {
  it('applies a text field on blur, with the template variable as written', () => {
    const onChange = jest.fn();
    render(editor(query('production'), onChange));
    const environment = screen.getByLabelText('Environment');
    fireEvent.change(environment, { target: { value: '$env' } });
    fireEvent.blur(environment);
    expect(onChange).toHaveBeenCalledWith({ ...query('production'), environment: '$env' });
  });

  describe('edge cases', () => {
    it('shows the GitHub fields of a query saved without a provider, which reads GitHub', () => {
      // Provisioned by hand: { "scope": "shop/web" } and nothing else.
      render(editor({ refId: 'A', scope: 'shop/web' } as EventsQuery));
      expect(screen.getByText('Read')).toBeTruthy();
      expect(screen.getByText('Repositories')).toBeTruthy();
    });

    it('shows a query replaced from outside (query history, another variable) and never writes the former text back into it', () => {
      const onChange = jest.fn();
      const { rerender } = render(editor(query('production'), onChange));
      rerender(editor(query('staging'), onChange));
      const environment = screen.getByLabelText('Environment') as HTMLInputElement;
      expect(environment.value).toBe('staging');
      fireEvent.blur(environment);
      expect(onChange).not.toHaveBeenCalled();
    });
  });
});
