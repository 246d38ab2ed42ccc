import type { ChangeEvent } from 'react';
import type { components } from '../api/schema';
import { Field } from '../components/ui';

type Node = components['schemas']['NodeOutputDTO'];

/** The node settings a form edits, as typed (strings): the same fields when creating a node and on its page. */
export type NodeFormValues = Record<'name' | 'address' | 'location' | 'tags' | 'memoryMiB' | 'diskMiB' | 'cpuPercent' | 'portRangeStart' | 'portRangeEnd' | 'overallocationPercent', string>;

export const NEW_NODE: NodeFormValues = {
  name: '',
  address: '',
  location: '',
  tags: '',
  memoryMiB: '4096',
  diskMiB: '20480',
  cpuPercent: '200',
  portRangeStart: '25500',
  portRangeEnd: '25999',
  overallocationPercent: '0',
};

export function nodeFormOf(n: Node): NodeFormValues {
  return {
    name: n.name,
    address: n.address,
    location: n.location,
    tags: n.tags.join(', '),
    memoryMiB: String(n.memoryMiB),
    diskMiB: String(n.diskMiB),
    cpuPercent: String(n.cpuPercent),
    portRangeStart: String(n.portRangeStart),
    portRangeEnd: String(n.portRangeEnd),
    overallocationPercent: String(n.overallocationPercent),
  };
}

/** The request body both POST /node and PUT /node/:id take for these fields. */
export function nodeBody(f: NodeFormValues) {
  return {
    name: f.name.trim(),
    address: f.address.trim(),
    location: f.location.trim(),
    tags: f.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    memoryMiB: Number(f.memoryMiB),
    diskMiB: Number(f.diskMiB),
    cpuPercent: Number(f.cpuPercent),
    portRangeStart: Number(f.portRangeStart),
    portRangeEnd: Number(f.portRangeEnd),
    overallocationPercent: Number(f.overallocationPercent),
  };
}

export function NodeFormFields({
  form,
  onChange,
  fieldError,
}: {
  form: NodeFormValues;
  onChange: (key: keyof NodeFormValues, value: string) => void;
  fieldError: (field: string) => string | undefined;
}) {
  const set = (k: keyof NodeFormValues) => (e: ChangeEvent<HTMLInputElement>) => onChange(k, e.target.value);
  const fe = fieldError;
  return (
    <div className="grid-2">
      <Field label="Name" error={fe('name')}>
        <input name="node-name" value={form.name} onChange={set('name')} required />
      </Field>
      <Field label="Public address" error={fe('address')} hint="Players connect here (IP or hostname).">
        <input name="node-address" value={form.address} onChange={set('address')} required />
      </Field>
      <Field label="Memory (MiB)" error={fe('memoryMiB')}>
        <input name="node-memory" type="number" value={form.memoryMiB} onChange={set('memoryMiB')} required />
      </Field>
      <Field label="Disk (MiB)" error={fe('diskMiB')}>
        <input name="node-disk" type="number" value={form.diskMiB} onChange={set('diskMiB')} required />
      </Field>
      <Field label="CPU (%; 100 = one core)" error={fe('cpuPercent')}>
        <input name="node-cpu" type="number" value={form.cpuPercent} onChange={set('cpuPercent')} required />
      </Field>
      <Field label="Location" error={fe('location')}>
        <input name="node-location" value={form.location} onChange={set('location')} placeholder="Frankfurt" />
      </Field>
      <Field label="Tags (comma separated)" error={fe('tags')}>
        <input name="node-tags" value={form.tags} onChange={set('tags')} placeholder="eu, ssd" />
      </Field>
      <Field label="Overallocation (%)" error={fe('overallocationPercent')} hint="Lets servers' limits add up to more than the machine has.">
        <input name="node-overallocation" type="number" min={0} max={1000} value={form.overallocationPercent} onChange={set('overallocationPercent')} required />
      </Field>
      <Field label="First game port" error={fe('portRangeStart')}>
        <input name="node-port-start" type="number" min={1024} max={65535} value={form.portRangeStart} onChange={set('portRangeStart')} required />
      </Field>
      <Field label="Last game port" error={fe('portRangeEnd')} hint="Servers on this node get host ports from this range.">
        <input name="node-port-end" type="number" min={1024} max={65535} value={form.portRangeEnd} onChange={set('portRangeEnd')} required />
      </Field>
    </div>
  );
}
