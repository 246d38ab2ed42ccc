import type { SuggestFitOutputDTO } from '../../gameserver/dto/gameserver.dto';
import type { Requirements } from '../../gameserver/planner.service';
import type { ResourceDefaults } from '../../workload/definition/workload-definition';
import type { V1RequirementsDTO, V1ResourcesInputDTO, V1SuggestFitDTO } from './v1-planner.dto';

/** Planner bodies of the `/v1` dialect ↔ Outpost's planner. Pure functions. */

/** What to plan for: the fields sent, else the defaults (a workload's or template's, else Outpost's). */
export function toRequirements(body: V1ResourcesInputDTO, defaults: Pick<ResourceDefaults, 'memoryMiB' | 'cpuPercent' | 'diskMiB'>): Required<Requirements> {
  return {
    memoryMiB: body.memory_mib ?? defaults.memoryMiB,
    cpuPercent: body.cpu_percent ?? defaults.cpuPercent,
    diskMiB: body.disk_mib ?? defaults.diskMiB,
    tags: body.tags ?? [],
  };
}

export const toRequirementsDTO = (r: Required<Requirements>): V1RequirementsDTO => ({ memory_mib: r.memoryMiB, cpu_percent: r.cpuPercent, disk_mib: r.diskMiB, tags: r.tags });

export function toSuggestFit(out: SuggestFitOutputDTO, req: Required<Requirements>): V1SuggestFitDTO {
  return {
    node_id: out.chosen,
    explanation: out.explanation,
    requirements: toRequirementsDTO(req),
    candidates: out.candidates.map((c) => ({
      node_id: c.nodeId,
      name: c.name,
      fits: c.fits,
      reasons: c.reasons,
      free_memory_mib: c.freeMemoryMiB,
      free_disk_mib: c.freeDiskMiB,
      free_cpu_percent: c.freeCpuPercent,
    })),
  };
}
