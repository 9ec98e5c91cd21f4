import { saveSettings } from './AppConfig';

const mockPost = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ post: (...args: unknown[]) => mockPost(...args) }),
}));

const meta = { enabled: true, pinned: true } as Parameters<typeof saveSettings>[0];

describe('saveSettings', () => {
  it('posts the settings as jsonData, keeping the app enabled and pinned', async () => {
    mockPost.mockResolvedValue({});
    expect(await saveSettings(meta, { alertServiceLabel: 'team' })).toStrictEqual({ error: false, text: 'Saved. Reloading to apply…' });
    expect(mockPost).toHaveBeenCalledWith('/api/plugins/safedeploy-deploys-app/settings', { enabled: true, pinned: true, jsonData: { alertServiceLabel: 'team' } });
  });

  describe('edge cases', () => {
    // A Viewer or Editor was told "Saving failed (HTTP 403): try again", which never works.
    it("says a refusal needs an organisation admin, with Grafana's own words, instead of asking to try again", async () => {
      mockPost.mockRejectedValue({ status: 403, data: { message: 'You do not have permission to perform this action' } });
      const { error, text } = await saveSettings(meta, {});
      expect(error).toBe(true);
      expect(text).toBe(
        'Saving failed (HTTP 403: You do not have permission to perform this action): app settings are saved by an organisation Admin. Your changes are still in the form.'
      );
    });

    it('asks to try again when the request itself failed', async () => {
      mockPost.mockRejectedValue(new TypeError('Failed to fetch'));
      expect((await saveSettings(meta, {})).text).toBe('Saving failed (network error): your changes are still in the form; try again.');
    });
  });
});
