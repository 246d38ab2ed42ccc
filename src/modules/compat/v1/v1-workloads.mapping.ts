import type { WorkloadOutputDTO } from '../../workload/dto/workload.dto';
import type { V1WorkloadDTO } from './v1-workloads.dto';

/** Outpost's workload DTO → the `/v1` reply (snake_case; the definition document as stored). Pure. */
export function toWorkload(w: WorkloadOutputDTO): V1WorkloadDTO {
  return {
    id: w.id,
    organization_id: w.domainId,
    name: w.name,
    description: w.description,
    template: w.template,
    definition: w.definition,
    created_at: new Date(w.createdAt).toISOString(),
    updated_at: new Date(w.updatedAt).toISOString(),
  };
}
