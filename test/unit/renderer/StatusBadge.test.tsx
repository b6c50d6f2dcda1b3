// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_STATUSES } from '../../../electron/shared/types';
import { StatusBadge } from '../../../renderer/src/components/StatusBadge';

afterEach(cleanup);

describe('StatusBadge', () => {
  it.each(BACKEND_STATUSES.filter((s) => s !== 'crashed'))('says "%s" in words and with its own colour class', (status) => {
    render(<StatusBadge status={status} exit={null} error={null} />);
    const badge = screen.getByText(status);
    expect(badge.classList.contains(`status-badge--${status}`)).toBe(true);
  });

  it('names the signal a crashed backend died of', () => {
    render(<StatusBadge status="crashed" exit={{ code: null, signal: 'SIGKILL' }} error={null} />);
    const badge = screen.getByText('crashed (SIGKILL)');
    expect(badge.classList.contains('status-badge--crashed')).toBe(true);
  });

  it('names the exit code when a crashed backend exited without a signal', () => {
    render(<StatusBadge status="crashed" exit={{ code: 3, signal: null }} error={null} />);
    expect(screen.getByText('crashed (exit code 3)')).toBeTruthy();
  });

  it('carries the reason a backend failed to start in its title', () => {
    render(<StatusBadge status="failed" exit={null} error="EADDRINUSE: port 4000" />);
    expect(screen.getByText('failed').getAttribute('title')).toBe('EADDRINUSE: port 4000');
  });

  it('gives every status a different colour class', () => {
    const classes = BACKEND_STATUSES.map((status) => {
      const { container } = render(<StatusBadge status={status} exit={null} error={null} />);
      return container.firstElementChild!.className;
    });
    expect(new Set(classes).size).toBe(BACKEND_STATUSES.length);
  });
});
