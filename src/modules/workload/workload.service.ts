import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { visibleDefinition } from './definition/variable-visibility';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { BUILTIN_TEMPLATES, getBuiltinTemplate } from './definition/builtin-templates';
import { EggFormatError, exportEgg, importEgg } from './definition/eggs';
import { normalizeDefinition, validateDefinition, WorkloadDefinition } from './definition/workload-definition';
import { Workload } from './entities/workload.entity';
import { WorkloadRepository } from './workload.repository';
import { WORKLOAD_SEARCH, WorkloadOutputDTO, WorkloadTemplateDTO, WorkloadUpdateDTO } from './dto/workload.dto';

/** Problems of a definition as validation details. */
function definitionErrors(def: WorkloadDefinition): Array<{ path: string; code: string; message: string }> {
  return validateDefinition(def).map((problem) => {
    const [path, ...rest] = problem.split(': ');
    return { path: `definition.${path}`, code: 'invalidDefinition', message: rest.length ? `${path}: ${rest.join(': ')}` : problem };
  });
}

@Injectable()
export class WorkloadService {
  constructor(private readonly workloads: WorkloadRepository) {}

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<WorkloadOutputDTO>> {
    const r = await new SearchEngine(WORKLOAD_SEARCH).execute(this.workloads.queryBuilder(domainId, 'w'), 'w', query);
    return Paged.of(WorkloadOutputDTO, r);
  }

  async find(domainId: DomainId, id: string): Promise<Workload> {
    const w = await this.workloads.findById(domainId, id);
    if (!w) throw AppError.notFound('Workload');
    return w;
  }

  async get(domainId: DomainId, id: string): Promise<WorkloadOutputDTO> {
    return toOutput(WorkloadOutputDTO, await this.find(domainId, id));
  }

  /**
   * Templates as a caller may read them: without workloads.manage, hidden variables and their
   * default values (license keys, passwords the author set) are left out (variable-visibility.ts).
   * Internal callers use search/get, which return the whole definition.
   */
  async searchFor(domainId: DomainId, query: SearchQuery, canManageWorkloads: boolean): Promise<Paged<WorkloadOutputDTO>> {
    const page = await this.search(domainId, query);
    if (canManageWorkloads) return page;
    return new Paged(
      page.items.map((w) => ({ ...w, definition: visibleDefinition(w.definition, false) })),
      page.total,
      page.page,
      page.limit,
    );
  }

  async getFor(domainId: DomainId, id: string, canManageWorkloads: boolean): Promise<WorkloadOutputDTO> {
    const w = await this.get(domainId, id);
    return canManageWorkloads ? w : { ...w, definition: visibleDefinition(w.definition, false) };
  }

  private async save(domainId: DomainId, def: WorkloadDefinition, template: string | null): Promise<WorkloadOutputDTO> {
    const errors = definitionErrors(def);
    if (errors.length) throw AppError.validation(`The workload definition is invalid: ${errors[0].message}`, errors);
    const normalized = normalizeDefinition(def);
    const w = await this.workloads.insert(domainId, { name: normalized.name, description: normalized.description ?? '', template, definition: normalized });
    return toOutput(WorkloadOutputDTO, w);
  }

  create(domainId: DomainId, definition: Record<string, unknown>): Promise<WorkloadOutputDTO> {
    return this.save(domainId, this.shapeCheck(definition), null);
  }

  /** Pterodactyl / Pelican eggs. */
  importEgg(domainId: DomainId, egg: Record<string, unknown>): Promise<WorkloadOutputDTO> {
    let def: WorkloadDefinition;
    try {
      def = importEgg(egg);
    } catch (err) {
      if (err instanceof EggFormatError) throw AppError.validation(err.message, [{ path: `egg.${err.path}`, code: 'eggFormat', message: err.message }]);
      throw err;
    }
    return this.save(domainId, def, null);
  }

  fromTemplate(domainId: DomainId, templateId: string, name?: string): Promise<WorkloadOutputDTO> {
    const def = getBuiltinTemplate(templateId);
    if (!def) throw AppError.notFound(`Template ${templateId}`);
    return this.save(domainId, { ...def, name: name ?? def.name }, templateId);
  }

  templates(): WorkloadTemplateDTO[] {
    return Object.entries(BUILTIN_TEMPLATES).map(([id, d]) => ({ id, name: d.name, description: d.description, images: d.images.map((i) => i.ref) }));
  }

  /** A non-author's export leaves hidden variables out, as their reads do. */
  async export(domainId: DomainId, id: string, canManageWorkloads: boolean): Promise<Record<string, unknown>> {
    return exportEgg(visibleDefinition((await this.find(domainId, id)).definition, canManageWorkloads));
  }

  async update(domainId: DomainId, id: string, patch: WorkloadUpdateDTO): Promise<WorkloadOutputDTO> {
    const current = await this.find(domainId, id);
    const def: WorkloadDefinition = patch.definition ? this.shapeCheck(patch.definition) : { ...current.definition };
    if (patch.name !== undefined) def.name = patch.name;
    if (patch.description !== undefined) def.description = patch.description;
    const errors = definitionErrors(def);
    if (errors.length) throw AppError.validation(`The workload definition is invalid: ${errors[0].message}`, errors);
    const normalized = normalizeDefinition(def);
    return toOutput(WorkloadOutputDTO, (await this.workloads.update(domainId, id, { name: normalized.name, description: normalized.description, definition: normalized }))!);
  }

  async remove(domainId: DomainId, id: string): Promise<void> {
    await this.find(domainId, id);
    // A workload game servers use is kept by the gameserver→workload foreign key (409, reason named by the exception filter).
    await this.workloads.delete(domainId, id);
  }

  /** A definition from a client: must at least be an object with the fields validateDefinition reads. */
  private shapeCheck(raw: Record<string, unknown>): WorkloadDefinition {
    const required = ['name', 'images', 'startup', 'variables', 'stop', 'startupDone', 'defaults'];
    const missing = required.filter((k) => raw[k] === undefined);
    if (missing.length) {
      throw AppError.validation(
        `The workload definition is missing: ${missing.join(', ')}`,
        missing.map((k) => ({ path: `definition.${k}`, code: 'required', message: `definition.${k} is required` })),
      );
    }
    return { description: '', configFiles: [], install: null, features: [], fileDenylist: [], source: { format: 'outpost' }, ...raw } as unknown as WorkloadDefinition;
  }
}
