/** The interconnect between host RAM and device memory: where migrating pages travel. */
export function Bus() {
  return (
    <div className="bus" data-key="bus" aria-hidden>
      <div className="bus-rail" />
      <span className="bus-label">PCIe bus</span>
    </div>
  );
}
