import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { GameServerModule } from '../gameserver/gameserver.module';
import { NodeModule } from '../node/node.module';
import { FileUpload } from './entities/file-upload.entity';
import { ServerTransfer } from './entities/server-transfer.entity';
import { FileUploadRepository } from './file-upload.repository';
import { FilesController } from './files.controller';
import { TusController } from './tus.controller';
import { FilesService } from './files.service';
import { registerStreamingBodies } from './http-streams';
import { TransferController } from './transfer.controller';
import { ServerTransferController } from './server-transfer.controller';
import { ServerTransferRepository } from './server-transfer.repository';
import { ServerTransferService } from './server-transfer.service';
import { TransferService } from './transfer.service';
import { TusService } from './tus.service';
import { UploadService } from './upload.service';

/** The file manager: files of game servers, through their node agents; streamed transfers; TUS. */
@Module({
  imports: [TypeOrmModule.forFeature([FileUpload, ServerTransfer]), NodeModule, GameServerModule],
  controllers: [FilesController, TusController, TransferController, ServerTransferController],
  providers: [FileUploadRepository, ServerTransferRepository, FilesService, TransferService, TusService, UploadService, ServerTransferService],
  exports: [FilesService, TransferService, UploadService, TusService, ServerTransferService],
})
export class FilesModule {
  /**
   * Body parsers for streamed uploads. Called by createApp before Nest initialises: registering a
   * Fastify plugin from a module's init hook boots Fastify's plugin queue early, and Nest's error
   * handler then no longer covers body-parsing errors (bad JSON lost its envelope).
   */
  static configureFastify(fastify: FastifyInstance): Promise<void> {
    return registerStreamingBodies(fastify);
  }
}
