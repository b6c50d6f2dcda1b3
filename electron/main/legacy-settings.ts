/**
 * The setup an older lab-settings.json describes (`{algorithm, basePort,
 * proxyPort, weights, command?, hashKey?, trustForwardedFor?, sticky?,
 * health?}`: one backend per weight on sequential ports), or null when the
 * JSON does not have that shape. Only the shape is looked at here: the
 * result is validated by the setup's own schema, which names any bad field.
 */
export function setupFromLegacySettings(json: unknown): unknown {
  if (!isRecord(json) || !Array.isArray(json['weights']) || typeof json['basePort'] !== 'number') return null;
  const { algorithm, basePort, proxyPort, weights, command, hashKey, trustForwardedFor, sticky, health } = json;
  return {
    version: 1,
    proxy: { port: proxyPort, algorithm, ...defined({ hashKey, trustForwardedFor, sticky }) },
    ...defined({ health }),
    backends: (weights as unknown[]).map((weight, i) => ({ port: basePort + i, weight, ...defined({ command }) })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
