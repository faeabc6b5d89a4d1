import {
  addDevice,
  removeDevice,
  renameDevice,
  setDeviceChunk,
  setDeviceDriver,
  setDeviceFrames,
  setDeviceMemory,
  type Draft,
} from './draft.ts';
import { messageFor, type FieldError } from './errors.ts';
import { ChoiceInput, Field, NumberInput } from './inputs.tsx';

interface Props {
  draft: Draft;
  error: FieldError | null;
  edit(f: (d: Draft) => Draft): void;
}

/** Title, description, host RAM and the devices (add, remove, rename, size). */
export function ConfigForm({ draft, error, edit }: Props) {
  const devices = draft.config.devices;
  return (
    <section className="ed-config" aria-label="Configuration">
      <div className="ed-line">
        <Field label="title" error={messageFor(error, 'title')} wide>
          {(id) => (
            <input
              id={id}
              value={draft.title ?? ''}
              placeholder="Untitled scenario"
              data-testid="ed-title"
              onChange={(e) => edit((d) => ({ ...d, title: e.target.value || undefined }))}
            />
          )}
        </Field>
        <NumberInput
          label="host frames"
          placeholder="64"
          value={draft.config.hostFrames}
          error={messageFor(error, 'config.hostFrames')}
          onChange={(v) => edit((d) => ({ ...d, config: { ...d.config, hostFrames: v } }))}
        />
      </div>
      <Field label="description" error={messageFor(error, 'description')} wide>
        {(id) => (
          <textarea
            id={id}
            rows={2}
            value={draft.description ?? ''}
            placeholder="What to watch for (optional)"
            onChange={(e) => edit((d) => ({ ...d, description: e.target.value || undefined }))}
          />
        )}
      </Field>
      <div className="ed-devices">
        <span className="ed-sub">Devices</span>
        {devices.map((dev, i) => (
          <div className="ed-device" key={i} data-testid={`ed-device-${i}`}>
            <Field label="name" error={messageFor(error, `config.devices[${i}].name`)}>
              {(id) => (
                <input
                  id={id}
                  className="mono"
                  value={String(dev.name ?? '')}
                  style={{ width: 90 }}
                  onChange={(e) => edit((d) => renameDevice(d, i, e.target.value))}
                />
              )}
            </Field>
            <NumberInput
              label="frames"
              placeholder="32"
              value={dev.frames}
              error={messageFor(error, `config.devices[${i}].frames`)}
              onChange={(v) => edit((d) => setDeviceFrames(d, i, v))}
            />
            <ChoiceInput
              label="memory"
              value={dev.memory}
              options={['private', 'coherent'] as const}
              error={messageFor(error, `config.devices[${i}].memory`)}
              title="MEMORY_DEVICE_PRIVATE: the CPU cannot address it. MEMORY_DEVICE_COHERENT: the CPU maps it with an ordinary PTE (scenario @2)."
              onChange={(v) => edit((d) => setDeviceMemory(d, i, v))}
            />
            <ChoiceInput
              label="driver"
              value={dev.driver}
              options={['dmirror', 'svm'] as const}
              error={messageFor(error, `config.devices[${i}].driver`)}
              title="dmirror: the kernel's test driver, migrates only when told to. svm: the policy of xe and amdgpu — a GPU fault migrates a whole range, a CPU touch brings the whole chunk home, a full VRAM evicts the oldest chunk (scenario @2)."
              onChange={(v) => edit((d) => setDeviceDriver(d, i, v))}
            />
            {dev.driver === 'svm' && (
              <NumberInput
                label="chunk"
                placeholder="4"
                value={dev.chunk}
                width={56}
                error={messageFor(error, `config.devices[${i}].chunk`)}
                onChange={(v) => edit((d) => setDeviceChunk(d, i, v))}
              />
            )}
            <button
              type="button"
              className="danger"
              aria-label={`Remove device ${String(dev.name)}`}
              disabled={devices.length <= 1}
              onClick={() => edit((d) => removeDevice(d, i))}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={devices.length >= 4}
          onClick={() => edit(addDevice)}
          title="At most 4 devices"
        >
          + device
        </button>
      </div>
      {messageFor(error, 'config.devices') && error?.device === undefined && (
        <span className="ed-err">
          {error?.path}: {error?.message}
        </span>
      )}
    </section>
  );
}
