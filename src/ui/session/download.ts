// Exported scenarios are named after their title: hmm-lab-<slug>.json.
import type { Scenario } from '../../scenario/types.ts';

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug;
}

export function exportFileName(scenario: Scenario, presetId: string | null): string {
  const slug = slugify(scenario.title ?? '') || slugify(presetId ?? '') || 'scenario';
  return `hmm-lab-${slug}.json`;
}

export function scenarioJson(scenario: Scenario): string {
  return JSON.stringify(scenario, null, 2) + '\n';
}

/** Save text as a file through a temporary object URL. */
export function downloadText(name: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
