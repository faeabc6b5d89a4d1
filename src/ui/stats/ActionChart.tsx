export default function ActionChart() {
  return <p className="muted">chart</p>;
}
