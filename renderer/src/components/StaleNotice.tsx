import { useEffect, useState } from 'react';

/** Snapshots come ten times a second; this long without one means the connection is gone. */
const STALE_MS = 3000;

/** Says so when the lab has gone quiet (the host stopped, the socket dropped); the numbers shown are old. */
export function StaleNotice({ receivedAt }: { receivedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const quietFor = now - receivedAt;
  if (quietFor < STALE_MS) return null;
  return (
    <p className="stale-notice" role="status">
      No word from the lab for {Math.round(quietFor / 1000)} s — reconnecting; the numbers below are from then.
    </p>
  );
}
