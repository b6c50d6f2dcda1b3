// One formatter for every label: building one per label costs more than the drawing.
const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Labels already written: a time axis shows the same dozen seconds on each of its ten redraws a second. */
const written = new Map<number, string>();
/** Labels kept at most; past that the memory starts again (a minute's axis needs a dozen). */
const KEPT = 512;

/** Wall-clock time (HH:MM:SS, the system's locale) of `seconds` since the epoch, as a time axis labels it; each second formatted once. */
export function clockLabel(seconds: number): string {
  let label = written.get(seconds);
  if (label === undefined) {
    if (written.size >= KEPT) written.clear();
    label = CLOCK.format(seconds * 1000);
    written.set(seconds, label);
  }
  return label;
}
