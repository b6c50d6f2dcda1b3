/** Shown until the first snapshot arrives. */
export function ConnectingState() {
  return (
    <div className="connecting" role="status">
      <p>Connecting to the lab…</p>
    </div>
  );
}
