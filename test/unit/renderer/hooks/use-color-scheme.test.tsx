// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useColorScheme } from '../../../../renderer/src/hooks/use-color-scheme';

afterEach(cleanup);

describe('useColorScheme', () => {
  it('follows the system’s colour scheme, asking matchMedia once however often it renders', () => {
    const list = new EventTarget() as EventTarget & { matches: boolean; media: string };
    list.matches = false;
    list.media = '(prefers-color-scheme: dark)';
    const matchMedia = vi.fn(() => list);
    vi.stubGlobal('matchMedia', matchMedia);
    function Scheme({ n }: { n: number }) {
      return <p data-testid="scheme">{`${useColorScheme()} ${n}`}</p>;
    }
    const { rerender } = render(<Scheme n={0} />);
    for (let n = 1; n <= 5; n++) rerender(<Scheme n={n} />);
    expect(screen.getByTestId('scheme').textContent).toBe('light 5');
    act(() => {
      list.matches = true;
      list.dispatchEvent(new Event('change'));
    });
    expect(screen.getByTestId('scheme').textContent).toBe('dark 5');
    expect(matchMedia).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});
