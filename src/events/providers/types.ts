import { HttpClient } from '../../http/createHttpClient';
import { DeployEvent, EventNotice } from '../types';

/** Enough pages for 10,000 events at 100 per page, with room for the page that crosses the range. */
export const DEFAULT_MAX_PAGES = 110;

export interface TimeRange {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, inclusive. */
  to: number;
}

export interface ProviderRequest {
  client: HttpClient;
  /** What to read: `owner/repo` list (GitHub), project (GitLab), job (Jenkins), application (Argo CD), path (CDEvents). */
  scope: string;
  environment?: string;
  /** Stamped on events whose payload names no service. */
  service?: string;
  range: TimeRange;
  maxPages: number;
  /** Called with each page of events as it arrives, so a slow API is not a blank panel. */
  onProgress?: (events: DeployEvent[]) => void;
  signal?: AbortSignal;
  /** GitHub and GitLab deployments look up the changes each shipped (one request per deploy); absent: no. */
  shippedChanges?: boolean;
}

export interface ProviderResult {
  events: DeployEvent[];
  notices: EventNotice[];
}

export type Provider = (request: ProviderRequest) => Promise<ProviderResult>;

/** Splits a scope list written as `a/b, c/d` or one per line. */
export function splitScope(scope: string): string[] {
  return scope
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Counts skipped items by reason so a notice can say "3 items skipped: missing time (2), bad id (1)". */
export class SkipCounter {
  private readonly reasons = new Map<string, number>();

  skip(reason: string): void {
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
  }

  notices(what: string): EventNotice[] {
    if (this.reasons.size === 0) {
      return [];
    }
    const total = Array.from(this.reasons.values()).reduce((a, b) => a + b, 0);
    const detail = Array.from(this.reasons.entries())
      .map(([reason, count]) => `${reason} (${count})`)
      .join(', ');
    return [{ severity: 'warning', text: `${total} ${what} skipped: ${detail}.` }];
  }
}
