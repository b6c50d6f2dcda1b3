import { exportNginx } from './export-nginx';
import type { LabSetup } from './setup-schema';

/** One file of an export, named as it should be saved beside the others. */
export interface ExportedFile {
  name: string;
  text: string;
}

/** The compose project name: it fixes the replicas' container names (`lab-app-1`, ...), which the nginx upstream names. */
export const COMPOSE_PROJECT = 'lab';

/**
 * A docker-compose project for `setup`: `docker-compose.yml` with an
 * `nginx` service (the exported nginx.conf mounted) in front of an `app`
 * service scaled to one replica per backend, and that `nginx.conf`. Each
 * replica is its own `server lab-app-N:<port>` line, so weights and flags
 * stay per server, as in the tutorial's `demo_api_1`, `demo_api_2`. Where
 * the lab ran the sample backend, a `Dockerfile` for it comes too (copy
 * resources/backend/sample-backend.mjs beside it).
 */
export function exportCompose(setup: LabSetup): ExportedFile[] {
  const first = setup.backends[0];
  // Every replica has a network of its own, so all listen on the same port.
  const appPort = first?.port ?? 8000;
  const nginx = exportNginx(setup, { address: (_b, i) => `${COMPOSE_PROJECT}-app-${i + 1}:${appPort}` });
  const command = first?.command;
  const commands = new Set(setup.backends.map((b) => b.command));
  const yaml = [
    `# docker-compose.yml exported by Load Balancer Lab. Run: docker compose up (the project name fixes container names).`,
    `name: ${COMPOSE_PROJECT}`,
    'services:',
    '  nginx:',
    '    image: nginx:1.22-alpine',
    '    volumes:',
    '      - ./nginx.conf:/etc/nginx/nginx.conf:ro',
    '    ports:',
    `      - ${JSON.stringify(`${setup.proxy.port}:${setup.proxy.port}`)}`,
    '    depends_on:',
    '      - app',
    '  app:',
    ...(command === undefined
      ? ['    build: .', '    # the sample backend: Dockerfile beside this file']
      : [
          '    # your command as the lab ran it; build an image holding your app here (the lab ran it in',
          `    # ${JSON.stringify(first?.cwd ?? 'its working directory')})`,
          `    build: ${JSON.stringify(first?.cwd ?? '.')}`,
          `    command: ${JSON.stringify(['sh', '-c', command.replaceAll('{port}', String(appPort))])}`,
        ]),
    ...(commands.size > 1 ? ['    # the lab ran other commands on some ports; replicas of one service all run this one'] : []),
    '    environment:',
    `      PORT: ${JSON.stringify(String(appPort))}`,
    ...Object.entries(first?.env ?? {}).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
    '    deploy:',
    `      replicas: ${setup.backends.length}`,
    '',
  ].join('\n');
  const files: ExportedFile[] = [
    { name: 'docker-compose.yml', text: yaml },
    { name: 'nginx.conf', text: nginx },
  ];
  if (command === undefined) files.push({ name: 'Dockerfile', text: sampleBackendDockerfile(appPort) });
  return files;
}

function sampleBackendDockerfile(port: number): string {
  return [
    '# The lab\'s sample backend (copy resources/backend/sample-backend.mjs here). Plain Node, no dependencies.',
    'FROM node:20-alpine',
    'WORKDIR /app',
    'COPY sample-backend.mjs .',
    '# It binds 127.0.0.1, the lab\'s loopback rule; nginx reaches a container over its network, so bind every',
    '# interface. The grep fails the build if the line ever changes, rather than leaving an unreachable app.',
    'RUN sed -i "s/const HOST = \'127.0.0.1\';/const HOST = \'0.0.0.0\';/" sample-backend.mjs && grep -q "const HOST = \'0.0.0.0\';" sample-backend.mjs',
    `ENV PORT=${port}`,
    `EXPOSE ${port}`,
    'CMD ["node", "sample-backend.mjs"]',
    '',
  ].join('\n');
}
