import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportCompose, importNginx, type LabSetup } from '../../../electron/lab/setup';

const setup = (command?: string): LabSetup => ({
  version: 1,
  proxy: { port: 8080, algorithm: 'weighted' },
  backends: [
    { port: 8001, weight: 4, ...(command ? { command } : {}) },
    { port: 8002, weight: 6, ...(command ? { command } : {}) },
  ],
});

describe('docker-compose export', () => {
  it('scales the sample backend to one replica per backend behind an nginx service with the config mounted, and brings its Dockerfile', () => {
    const files = exportCompose(setup());
    expect(files.map((f) => f.name)).toEqual(['docker-compose.yml', 'nginx.conf', 'Dockerfile']);
    const compose = parse(files[0]!.text) as { name: string; services: Record<string, Record<string, unknown>> };
    expect(compose.services.nginx).toMatchObject({ volumes: ['./nginx.conf:/etc/nginx/nginx.conf:ro'], ports: ['8080:8080'], depends_on: ['app'] });
    expect(compose.services.app).toMatchObject({ build: '.', environment: { PORT: '8001' }, deploy: { replicas: 2 } });
    expect(files[2]!.text).toMatch(/^FROM node:20-alpine$/m);
  });

  it('names each replica in the upstream, as the tutorial names demo_api_1 and demo_api_2, keeping the weights', () => {
    const nginx = exportCompose(setup())[1]!.text;
    const back = importNginx(nginx, { basePort: 8001 });
    expect(back.ok && back.value.mapping.map((m) => m.server)).toEqual(['lab-app-1:8001', 'lab-app-2:8001']);
    expect(back.ok && back.value.setup.backends.map((b) => b.weight)).toEqual([4, 6]);
  });

  it('runs a custom command as the app service command, with its port filled in, and no Dockerfile', () => {
    const files = exportCompose(setup('python -m http.server {port}'));
    expect(files.map((f) => f.name)).toEqual(['docker-compose.yml', 'nginx.conf']);
    const app = (parse(files[0]!.text) as { services: Record<string, Record<string, unknown>> }).services.app;
    expect(app).toMatchObject({ command: ['sh', '-c', 'python -m http.server 8001'], deploy: { replicas: 2 } });
  });
});
