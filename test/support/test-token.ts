/** The control API token every test host and CLI run uses unless a test says otherwise. */
export const TEST_TOKEN = 'lab-test-token-0123456789abcdef';

/** The header a script sends to the control API. */
export const bearer = (token: string = TEST_TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });
