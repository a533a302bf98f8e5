import { Module } from '@nestjs/common';
import { SetsModule } from '@api/sets/sets.module';
import { ContractController } from './contract.controller';
import { ContractService } from './contract.service';

/** A set's contract: its ground rules' versions agreed in meetings, and each person's acceptance. */
@Module({
  imports: [SetsModule],
  controllers: [ContractController],
  providers: [ContractService],
})
export class ContractModule {}
