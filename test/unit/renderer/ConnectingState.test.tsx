// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectingState } from '../../../renderer/src/components/ConnectingState';
import { NO_TOKEN_MESSAGE } from '../../../renderer/src/web-lab-api';
import { createFakeLabApi } from './fake-lab-api';

afterEach(cleanup);

describe('ConnectingState', () => {
  it('says it is connecting while the lab answers', async () => {
    const api = createFakeLabApi();
    render(<ConnectingState api={api} />);
    await Promise.resolve();
    expect(screen.getByText('Connecting to the lab…')).toBeTruthy();
    expect(api.snapshot).toHaveBeenCalled();
  });

  it('shows why when the lab refuses the page (no token): open the URL it printed', async () => {
    const api = createFakeLabApi();
    api.snapshot.mockResolvedValue({ ok: false, error: NO_TOKEN_MESSAGE, status: 401 });
    render(<ConnectingState api={api} />);
    expect((await screen.findByRole('alert')).textContent).toBe(NO_TOKEN_MESSAGE);
    expect(screen.queryByText('Connecting to the lab…')).toBeNull();
  });
});
