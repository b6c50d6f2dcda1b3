import { memo } from 'react';

/** The tutorials' session demo, in a few lines: why ip-hash and sticky cookies exist. */
export const SessionsNote = memo(function SessionsNote({ url }: { url: string }) {
  return (
    <section className="panel sessions-note" aria-labelledby="sessions-note-title">
      <h2 id="sessions-note-title">Sessions</h2>
      <p>
        The sample page keeps a session per visitor, as a login would: a cookie and a visit counter held in that backend’s memory. Open{' '}
        <a href={url} target="_blank" rel="noreferrer">
          the proxy URL
        </a>{' '}
        and reload. With <strong>round-robin</strong> the counter starts again whenever another backend answers, since that one never saw your session; with{' '}
        <strong>ip-hash</strong> or <strong>sticky sessions</strong> it keeps counting. Stop the backend that holds it and the session is lost: the
        event log says why.
      </p>
    </section>
  );
});
