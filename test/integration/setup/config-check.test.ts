import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportHaproxy, exportNginx } from '../../../electron/lab/setup';
import { haproxyCheck, haproxyForTest, nginxForTest, nginxTest, scratchDir } from '../../support/real-balancers';
import { setupTable } from '../../support/setups';

// Nothing listens here: `nginx -t` and `haproxy -c` only read the files.
const TABLE = setupTable(21700, 21780);

describe('exported configs pass the real nginx and HAProxy checks', () => {
  it.each(TABLE)('nginx -t accepts the nginx.conf of $name', ({ setup }) => {
    const dir = scratchDir('nginx-t');
    try {
      const result = nginxTest(nginxForTest(exportNginx(setup), dir), dir);
      expect(result.output).not.toMatch(/\[(emerg|warn)\]/);
      expect(result.status, result.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(TABLE)('haproxy -c accepts the haproxy.cfg of $name', ({ setup }) => {
    const dir = scratchDir('haproxy-c');
    try {
      const result = haproxyCheck(haproxyForTest(exportHaproxy(setup)), dir);
      expect(result.output).not.toMatch(/\[(ALERT|WARNING)\]/);
      expect(result.status, result.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nginx -t refuses a directive that only nginx Plus knows, so the comments are what keeps the files valid', () => {
    const dir = scratchDir('nginx-t');
    try {
      const conf = exportNginx(TABLE[0]!.setup).replace(/(server 127\.0\.0\.1:\d+ [^;]*);/, '$1 slow_start=10s;');
      expect(nginxTest(nginxForTest(conf, dir), dir).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
