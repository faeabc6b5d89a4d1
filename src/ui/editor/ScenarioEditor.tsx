export default function ScenarioEditor({ onClose }: { onClose(): void }) {
  return <button onClick={onClose}>close</button>;
}
