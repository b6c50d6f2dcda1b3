import { memo } from 'react';
import type { LogLine } from '../hooks/use-event-log';
import { formatClock } from '../model/format';

/** The lab's events in plain words, newest first, with times. */
export const EventLog = memo(function EventLog({ lines }: { lines: readonly LogLine[] }) {
  return (
    <section className="panel event-log" aria-labelledby="event-log-title">
      <h2 id="event-log-title">Events</h2>
      {lines.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="event-log__lines" role="log" aria-labelledby="event-log-title">
          {lines.map((line) => (
            <li key={line.id} className={`event event--${line.kind}`}>
              <time dateTime={new Date(line.at).toISOString()}>{formatClock(line.at)}</time> <span className="event__message">{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
