import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentUser } from '@api/common/request-user';
import { UserEntity } from '@api/users/user.entity';
import { LearningLogEntryDto, LearningLogEntryResponseDto, LearningLogEntryUpdateDto } from './learning-log.dto';
import { LearningLogService } from './learning-log.service';

/** The caller's private learning log: only its author can ever read an entry (another person's id is 404). */
@ApiTags('me')
@ApiErrors(400, 401, 404)
@ApiBearerAuth()
@Controller('me/learning-log')
export class LearningLogController {
  constructor(private readonly log: LearningLogService) {}

  @Post()
  @ApiCreatedResponse({ type: LearningLogEntryResponseDto, description: 'A private entry; only its author can ever read it' })
  create(@CurrentUser() user: UserEntity, @Body() dto: LearningLogEntryDto): Promise<LearningLogEntryResponseDto> {
    return this.log.create(user, dto);
  }

  @Get()
  @ApiOkResponse({ type: [LearningLogEntryResponseDto], description: "The caller's own entries, newest first" })
  list(@CurrentUser() user: UserEntity): Promise<LearningLogEntryResponseDto[]> {
    return this.log.list(user);
  }

  @Get(':entryId')
  @ApiIdParam('entryId', 'Your entry')
  @ApiOkResponse({ type: LearningLogEntryResponseDto })
  get(@CurrentUser() user: UserEntity, @Param('entryId') entryId: string): Promise<LearningLogEntryResponseDto> {
    return this.log.get(user, entryId);
  }

  @Patch(':entryId')
  @ApiIdParam('entryId', 'Your entry')
  @ApiOkResponse({ type: LearningLogEntryResponseDto })
  update(@CurrentUser() user: UserEntity, @Param('entryId') entryId: string, @Body() dto: LearningLogEntryUpdateDto): Promise<LearningLogEntryResponseDto> {
    return this.log.update(user, entryId, dto);
  }

  @Delete(':entryId')
  @ApiIdParam('entryId', 'Your entry')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deletes the entry for good' })
  remove(@CurrentUser() user: UserEntity, @Param('entryId') entryId: string): Promise<void> {
    return this.log.remove(user, entryId);
  }
}
