export default function Inspector() {
  return <p className="muted">Click a page, frame or device entry to inspect it.</p>;
}
