/** Shown while the upstream has no servers at all. */
export function EmptyState() {
  return (
    <section className="empty-state" aria-label="Backends">
      <p>No backends yet — choose how many and press Start backends</p>
    </section>
  );
}
