import { Injectable } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { renderStartup, StartupRenderError, validateVariableValues, WorkloadDefinition, WorkloadVariable } from '../workload/definition/workload-definition';
import { WorkloadService } from '../workload/workload.service';
import { builtinVariables } from './container-spec';
import { AllocationRepository, GameServerRepository } from './gameserver.repository';
import { GameServer } from './entities/gameserver.entity';
import { GameServerPower } from './power.service';
import { GameServerStates } from './server-state.service';
import { canSeeVariable } from '../workload/definition/variable-visibility';
import { STARTUP_NEXT_START, StartupOutputDTO, StartupUpdateDTO } from './dto/startup.dto';

/** What the preview shows instead of a secret value. */
export const MASK = '••••••';
/** Variables whose names say they hold a secret are masked in the preview even for those who may see them. */
const SECRET_NAME = /PASS|SECRET|TOKEN|KEY|RCON/i;

/**
 * A server's startup (Pterodactyl's Startup tab): its own command (null = the template's), its
 * image among the template's, its variables under the template's rules. Changes apply at the next
 * start, which makes the container again (`containerOutdated`).
 */
@Injectable()
export class StartupService {
  constructor(
    private readonly servers: GameServerRepository,
    private readonly allocations: AllocationRepository,
    private readonly workloads: WorkloadService,
    private readonly states: GameServerStates,
    private readonly power: GameServerPower,
  ) {}

  async get(domainId: DomainId, id: string, asAdmin: boolean): Promise<StartupOutputDTO> {
    const server = await this.states.find(domainId, id);
    return this.view(domainId, server, await this.definition(domainId, server), asAdmin);
  }

  async update(domainId: DomainId, id: string, input: StartupUpdateDTO, asAdmin: boolean): Promise<StartupOutputDTO> {
    return this.power.exclusive(id, async () => {
      const server = await this.states.find(domainId, id);
      const def = await this.definition(domainId, server);
      const changes: Partial<GameServer> = {};
      if (input.variables !== undefined) {
        // The same rules as PUT /gameserver/:id: the template's, and locked variables only for workload managers.
        const result = validateVariableValues(def, input.variables, { asAdmin, current: server.variables });
        if (result.errors.length) throw AppError.validation(`Invalid variables: ${result.errors.map((e) => e.message).join(' ')}`, result.errors);
        changes.variables = result.values;
      }
      if (input.image !== undefined) {
        if (!def.images.some((i) => i.ref === input.image))
          throw AppError.validation("The image must be one of the template's images", [{ path: 'image', code: 'notAllowed', message: `Choose one of: ${def.images.map((i) => i.ref).join(', ')}` }]);
        changes.image = input.image;
      }
      if (input.startup !== undefined) {
        const startup = input.startup.trim();
        // The command runs in the container with every variable, hidden ones included: choosing it is a
        // template author's power (Pterodactyl: admins only), or a gameserver.manage holder could print
        // hidden values or skip locked ones. Reset (back to the template's command) stays open to all.
        if (!asAdmin && startup !== (server.startup ?? def.startup))
          throw AppError.forbidden('Changing the startup command needs workloads.manage: it can read every variable, hidden ones included', { permissions: ['workloads.manage'] });
        if (!startup) throw AppError.validation('The startup command cannot be empty', [{ path: 'startup', code: 'required', message: 'Enter a startup command' }]);
        const placeholders = this.placeholderProblem(def, startup);
        if (placeholders) throw AppError.validation(placeholders, [{ path: 'startup', code: 'placeholder', message: placeholders }]);
        // The template's own command is stored as "none": the server then follows template edits.
        changes.startup = startup === def.startup ? null : startup;
      }
      if (Object.keys(changes).length) await this.save(domainId, server, changes);
      return this.view(domainId, await this.states.find(domainId, id), def, asAdmin);
    });
  }

  async reset(domainId: DomainId, id: string, asAdmin: boolean): Promise<StartupOutputDTO> {
    return this.power.exclusive(id, async () => {
      const server = await this.states.find(domainId, id);
      if (server.startup !== null) await this.save(domainId, server, { startup: null });
      return this.view(domainId, await this.states.find(domainId, id), await this.definition(domainId, server), asAdmin);
    });
  }

  private async save(domainId: DomainId, server: GameServer, changes: Partial<GameServer>): Promise<void> {
    await this.servers.update(domainId, server.id, { ...changes, ...(server.containerId ? { containerOutdated: true } : {}) });
  }

  private async definition(domainId: DomainId, server: GameServer): Promise<WorkloadDefinition> {
    return (await this.workloads.find(domainId, server.workloadId)).definition;
  }

  /** Placeholders must name the template's variables or the built-ins: the shell never sees `{{X}}`. */
  private placeholderProblem(def: WorkloadDefinition, startup: string): string | null {
    try {
      renderStartup(def, { SERVER_MEMORY: '0', SERVER_IP: '0.0.0.0', SERVER_PORT: '0' }, startup);
      return null;
    } catch (err) {
      if (err instanceof StartupRenderError) return `The startup command uses placeholders the template does not have: ${err.unknown.map((n) => `{{${n}}}`).join(', ')}`;
      throw err;
    }
  }

  private async view(domainId: DomainId, server: GameServer, def: WorkloadDefinition, asAdmin: boolean): Promise<StartupOutputDTO> {
    const startup = server.startup ?? def.startup;
    const secret = (v: WorkloadVariable) => !v.userViewable || SECRET_NAME.test(v.envVariable);
    const value = (v: WorkloadVariable) => (Object.prototype.hasOwnProperty.call(server.variables, v.envVariable) ? server.variables[v.envVariable] : v.defaultValue);
    const masked = Object.fromEntries(def.variables.map((v) => [v.envVariable, secret(v) ? MASK : value(v)]));
    const builtins = builtinVariables(server, await this.allocations.forServer(domainId, server.id));
    let resolved: string | null = null;
    let resolveError: string | null = null;
    try {
      resolved = renderStartup(def, { ...masked, ...builtins }, startup);
    } catch (err) {
      if (!(err instanceof StartupRenderError)) throw err;
      resolveError = err.message;
    }
    return {
      startup,
      templateStartup: def.startup,
      custom: server.startup !== null,
      resolved,
      resolveError,
      image: server.image,
      images: def.images.map((i) => ({ label: i.label, ref: i.ref })),
      // Users see what Pterodactyl shows them: viewable variables only; workload managers see all.
      variables: def.variables
        .filter((v) => canSeeVariable(v, asAdmin))
        .map((v) => ({
          envVariable: v.envVariable,
          name: v.name,
          description: v.description,
          rules: v.rules,
          value: value(v),
          defaultValue: v.defaultValue,
          editable: asAdmin || (v.userViewable && v.userEditable),
          secret: secret(v),
        })),
      restartRequired: server.containerOutdated,
      note: STARTUP_NEXT_START,
    };
  }
}
