import { parseArgs } from 'node:util';
import { DEFAULTS } from '../lab/defaults';
import { decimalInt } from '../shared/decimal';
import { EXPORT_KINDS, exportKindSchema, parseInput } from '../shared/schemas';

export const EXPORT_USAGE = `lb-lab export ${EXPORT_KINDS.join('|')} [--ui-port P] [--token T]
  Prints the running lab's setup as the real balancer's configuration
  (GET /api/export/KIND). The token is the one the lab printed, or LB_LAB_TOKEN.
`;

/**
 * `lb-lab export nginx|haproxy|compose`: ask a running lab on 127.0.0.1 for
 * its configuration. Resolves with the exit code (0, 1 when the lab
 * refused or cannot be reached, 2 for a bad argument) after writing the
 * text or the reason.
 */
export async function runExport(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { 'ui-port': { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    err(`lb-lab export: ${(error as Error).message}\n${EXPORT_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    out(EXPORT_USAGE);
    return 0;
  }
  const kind = parseInput(exportKindSchema, parsed.positionals[0], 'kind');
  if (!kind.ok || parsed.positionals.length !== 1) {
    err(`lb-lab export: give one of ${EXPORT_KINDS.join(', ')}\n${EXPORT_USAGE}`);
    return 2;
  }
  const port = parseInput(decimalInt(1, 65535), parsed.values['ui-port'] ?? String(DEFAULTS.uiPort), 'ui-port');
  if (!port.ok) {
    err(`lb-lab export: --ui-port: ${port.error}\n`);
    return 2;
  }
  const token = parsed.values.token ?? (env['LB_LAB_TOKEN'] || undefined);
  const url = `http://127.0.0.1:${port.value}/api/export/${kind.value}`;
  try {
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await response.text();
    if (!response.ok) {
      const reason = response.status === 401 ? 'the lab wants its token: --token T or LB_LAB_TOKEN (it is in the URL the lab printed)' : text;
      err(`lb-lab export: ${response.status} from ${url}: ${reason}\n`);
      return 1;
    }
    out(text);
    return 0;
  } catch (error) {
    err(`lb-lab export: no lab answers on ${url} (${(error as Error).message}); start one, or give its --ui-port\n`);
    return 1;
  }
}
