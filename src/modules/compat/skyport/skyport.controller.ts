import { Body, Controller, Delete, Get, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiOperation, ApiResponse, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { RawResponse } from '../../../core/http/envelope';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission, CurrentPrincipal, Principal } from '../../auth/auth-context';
import {
  SkyportCreateNodeDTO,
  SkyportCreateUserDTO,
  SkyportDeployDTO,
  SkyportDeployedDTO,
  SkyportErrorDTO,
  SkyportGetUserDTO,
  SkyportIdDTO,
  SkyportImageDTO,
  SkyportInstanceDTO,
  SkyportMessageDTO,
  SkyportNodeCreatedDTO,
  SkyportNodeDTO,
  SkyportNodeIdDTO,
  SkyportUserDTO,
  SkyportUserIdDTO,
} from './skyport.dto';
import { SkyportExceptionFilter } from './skyport.errors';
import { SkyportApiKeyGuard } from './skyport.guard';
import { SkyportService } from './skyport.service';

/**
 * Skyport's panel API (`/api/*`, `x-api-key`), so scripts written for Skyport work by changing
 * only the URL and the key. The key is an Outpost API token: its domain and permissions scope
 * every call. Replies and errors are Skyport's plain JSON (no envelope), with its status codes.
 */
@ApiTags('skyport')
@ApiSecurity('apiKey')
@ApiUnauthorizedResponse({ type: SkyportErrorDTO, description: '{ error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here)' })
@ApiForbiddenResponse({ type: SkyportErrorDTO, description: 'The key lacks the permission of the route' })
@Controller('api')
@RawResponse()
@UseGuards(SkyportApiKeyGuard)
@UseFilters(SkyportExceptionFilter)
export class SkyportController {
  constructor(private readonly skyport: SkyportService) {}

  @Get('users')
  @RequirePermission('members.read')
  @ApiOperation({ summary: "The members of the key's domain (never password hashes)" })
  @ApiResponse({ status: 200, type: [SkyportUserDTO] })
  users(@CurrentDomain() domainId: DomainId) {
    return this.skyport.listUsers(domainId);
  }

  @Post('getUser')
  @HttpCode(201)
  @RequirePermission('members.read')
  @ApiOperation({ summary: 'A member of the domain by email or username' })
  @ApiResponse({ status: 201, type: SkyportUserDTO })
  @ApiBadRequestResponse({ type: SkyportErrorDTO, description: 'Missing or invalid parameters, or user not found' })
  getUser(@CurrentDomain() domainId: DomainId, @Body() body: SkyportGetUserDTO) {
    return this.skyport.getUser(domainId, body ?? {});
  }

  @Post('users/create')
  @HttpCode(201)
  @RequirePermission('members.manage')
  @ApiOperation({ summary: "Creates a user and their membership in the key's domain (admin: true = the domain's Admin role)" })
  @ApiResponse({ status: 201, type: SkyportUserDTO })
  @ApiBadRequestResponse({ type: SkyportErrorDTO })
  @ApiConflictResponse({ type: SkyportErrorDTO, description: 'User already exists' })
  createUser(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Body() body: SkyportCreateUserDTO) {
    return this.skyport.createUser(domainId, auth, body ?? {});
  }

  @Get('instances')
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: "The domain's game servers in Skyport's instance shape" })
  @ApiResponse({ status: 200, type: [SkyportInstanceDTO] })
  instances(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth) {
    return this.skyport.listInstances(domainId, auth);
  }

  @Post('instances/deploy')
  @HttpCode(201)
  @RequirePermission('gameserver.create')
  @ApiOperation({ summary: 'Creates a game server on the node from the workload offering the image, with the given memory, CPU and ports, and starts it (also needs gameserver.control)' })
  @ApiResponse({ status: 201, type: SkyportDeployedDTO })
  @ApiBadRequestResponse({ type: SkyportErrorDTO, description: 'Missing parameters, invalid node/image/user/ports, port outside the node range' })
  @ApiConflictResponse({ type: SkyportErrorDTO, description: 'A port is taken, or the node cannot take the server' })
  deploy(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Body() body: SkyportDeployDTO) {
    return this.skyport.deploy(domainId, auth, body ?? {});
  }

  @Delete('instance/delete')
  @HttpCode(201)
  @RequirePermission('gameserver.manage')
  @ApiOperation({ summary: 'Deletes an instance (its container and data)' })
  @ApiResponse({ status: 201, type: SkyportMessageDTO })
  @ApiBadRequestResponse({ type: SkyportErrorDTO, description: 'Missing ID or instance not found' })
  deleteInstance(@CurrentDomain() domainId: DomainId, @Body() body: SkyportIdDTO) {
    return this.skyport.deleteInstance(domainId, body?.id);
  }

  @Post('getUserInstance')
  @HttpCode(200)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'The instances a member owns' })
  @ApiResponse({ status: 200, type: [SkyportInstanceDTO] })
  @ApiBadRequestResponse({ type: SkyportErrorDTO, description: 'Missing user ID or user not found' })
  getUserInstance(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Body() body: SkyportUserIdDTO) {
    return this.skyport.getUserInstances(domainId, auth, body?.userId);
  }

  @Post('getInstance')
  @HttpCode(200)
  @RequirePermission('gameserver.read')
  @ApiOperation({ summary: 'One instance by Id (or ContainerId)' })
  @ApiResponse({ status: 200, type: SkyportInstanceDTO })
  @ApiBadRequestResponse({ type: SkyportErrorDTO, description: 'Missing instance ID or instance not found' })
  getInstance(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Body() body: SkyportIdDTO) {
    return this.skyport.getInstance(domainId, auth, body?.id);
  }

  @Get('images')
  @RequirePermission('workloads.read')
  @ApiOperation({ summary: "Images the domain's workloads offer (deployable); with nodes.read also images present only on its nodes" })
  @ApiResponse({ status: 200, type: [SkyportImageDTO] })
  images(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth) {
    return this.skyport.images(domainId, auth);
  }

  @Get('nodes')
  @RequirePermission('nodes.read')
  @ApiOperation({ summary: "The domain's nodes (ram/disk in GB, processor in cores)" })
  @ApiResponse({ status: 200, type: [SkyportNodeDTO] })
  nodes(@CurrentDomain() domainId: DomainId) {
    return this.skyport.listNodes(domainId);
  }

  @Post('nodes/create')
  @HttpCode(201)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Creates a node (ram/disk GB → MiB, processor cores → cpuPercent); the reply carries the agent configure command' })
  @ApiResponse({ status: 201, type: SkyportNodeCreatedDTO })
  @ApiBadRequestResponse({ type: SkyportErrorDTO, description: 'Missing or invalid parameters' })
  createNode(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Body() body: SkyportCreateNodeDTO) {
    return this.skyport.createNode(domainId, principal, body ?? {});
  }

  @Delete('nodes/delete')
  @HttpCode(201)
  @RequirePermission('nodes.manage')
  @ApiOperation({ summary: 'Deletes a node without game servers' })
  @ApiResponse({ status: 201, type: SkyportMessageDTO })
  @ApiBadRequestResponse({ type: SkyportErrorDTO, description: 'Invalid or missing node ID' })
  @ApiConflictResponse({ type: SkyportErrorDTO, description: 'The node still has game servers' })
  deleteNode(@CurrentDomain() domainId: DomainId, @CurrentPrincipal() principal: Principal, @Body() body: SkyportNodeIdDTO) {
    return this.skyport.deleteNode(domainId, principal, body?.nodeId);
  }
}
