import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { GameServerModule } from '../gameserver/gameserver.module';
import { NodeModule } from '../node/node.module';
import { FileUpload } from './entities/file-upload.entity';
import { FileUploadRepository } from './file-upload.repository';
import { FilesController, TusController } from './files.controller';
import { FilesService } from './files.service';
import { registerStreamingBodies } from './http-streams';
import { TransferController } from './transfer.controller';
import { TransferService } from './transfer.service';
import { TusService } from './tus.service';
import { UploadService } from './upload.service';

/** The file manager: files of game servers, through their node agents; streamed transfers; TUS. */
@Module({
  imports: [TypeOrmModule.forFeature([FileUpload]), NodeModule, GameServerModule],
  controllers: [FilesController, TusController, TransferController],
  providers: [FileUploadRepository, FilesService, TransferService, TusService, UploadService],
  exports: [FilesService],
})
export class FilesModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify && typeof fastify.addContentTypeParser === 'function') await registerStreamingBodies(fastify);
  }
}
