// Beside an svm device's commands: why the dmirror ones (migrate, exclusive) are not offered.
import { DMIRROR_ONLY, whyNotOnSvm } from '../../scenario/driverOps.ts';
import { LAB_ACTIONS } from './registry.ts';

/** The dmirror commands the lab offers that an svm device has not, with why. */
export const svmMissing = LAB_ACTIONS.filter((a) => DMIRROR_ONLY.has(a.id)).map((a) => ({
  label: a.label,
  why: whyNotOnSvm(a.id)!,
}));

export function DriverNote({ device }: { device: string }) {
  const why = svmMissing.map((m) => `${m.label}: ${m.why}.`).join('\n');
  return (
    <span className="tb-note muted tb-driver-note" data-testid="tb-driver-note" title={why}>
      {device} is an svm device: it migrates on a GPU fault, so migrate and exclusive do not apply
    </span>
  );
}
