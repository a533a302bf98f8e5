import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentMembership, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import type { MembershipEntity } from '@api/sets/membership.entity';
import { ContractService } from './contract.service';
import { ContractAcceptDto, SetContractResponseDto } from './dto/contract.dto';

@ApiTags('sets')
@ApiErrors(400, 401, 404, 409)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller('sets')
export class ContractController {
  constructor(private readonly contract: ContractService) {}

  @Get(':setId/contract')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: SetContractResponseDto, description: 'The ground rules in force, every version agreed in a meeting, and whether the caller has to accept the current one' })
  get(@CurrentMembership() membership: MembershipEntity): Promise<SetContractResponseDto> {
    return this.contract.get(membership);
  }

  @Post(':setId/contract/accept')
  @HttpCode(200)
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: SetContractResponseDto, description: 'The caller accepted the current version' })
  accept(@CurrentMembership() membership: MembershipEntity, @Body() dto: ContractAcceptDto): Promise<SetContractResponseDto> {
    return this.contract.accept(membership, dto.version);
  }
}
