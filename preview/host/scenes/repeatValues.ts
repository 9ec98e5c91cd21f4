// The values a repeated panel is cloned for (see repeatPanels.ts); no scenes import, so jest
// can test it without the 12.4 tree's @grafana/scenes.

export interface RepeatVariable {
  name: string;
  type: string;
  query?: unknown;
  multi?: boolean;
  includeAll?: boolean;
  current?: { value?: string | string[]; text?: string | string[] };
}

/** A custom variable's options, `text : value` or plain, comma-separated (scenes' CustomVariable). */
function customOptions(query: string): Array<{ value: string; text: string }> {
  return query
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [text, value] = part.split(/\s+:\s+/);
      return { text, value: value ?? text };
    });
}

/**
 * The values a panel repeats for: the variable's saved value (each of a multi-value one); at
 * "All", every option of a custom variable (Grafana takes every option of any variable; the
 * host knows a query variable's options only after the scene has loaded them).
 *
 * @example
 * repeatValues({ name: 'service', type: 'custom', query: 'checkout,search', current: { value: ['$__all'] } }) // checkout, search
 */
export function repeatValues(variable: RepeatVariable): Array<{ value: string; text: string }> {
  const current = variable.current?.value;
  const values = Array.isArray(current) ? current : current !== undefined && current !== '' ? [current] : [];
  if (values.includes('$__all') && variable.type === 'custom') {
    return customOptions(String(variable.query ?? ''));
  }
  const texts = Array.isArray(variable.current?.text) ? variable.current.text : [];
  return values.filter((v) => v !== '$__all').map((value, i) => ({ value, text: String(texts[i] ?? value) }));
}
