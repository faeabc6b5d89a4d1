// parseScenario reports the first problem as `path: message`; the form shows it beside the
// field the path names.
export interface FieldError {
  path: string;
  message: string;
  /** Action index when the path is inside actions[i]. */
  action?: number;
  /** Field of that action (`count`, `values[2]`, `interleave.start`), '' for the whole action. */
  field?: string;
  /** Device index when the path is inside config.devices[i]. */
  device?: number;
}

export function splitError(error: string | null): FieldError | null {
  if (!error) return null;
  const at = error.indexOf(': ');
  if (at < 0) return { path: '', message: error };
  const path = error.slice(0, at);
  const message = error.slice(at + 2);
  const action = /^actions\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (action) return { path, message, action: Number(action[1]), field: action[2] ?? '' };
  const device = /^config\.devices\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (device) return { path, message, device: Number(device[1]), field: device[2] ?? '' };
  return { path, message };
}

/** The error's message if it names exactly this field (or something inside it). */
export function messageFor(e: FieldError | null, path: string): string | null {
  if (!e) return null;
  return e.path === path || e.path.startsWith(path + '.') || e.path.startsWith(path + '[')
    ? e.message
    : null;
}
