import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentUser } from '@api/common/request-user';
import { IsBoundedDate } from '@api/common/validators';
import { UserEntity } from '@api/users/user.entity';
import { REGULATORS, type Regulator } from './regulators';
import { CpdService, type CpdExportRequest } from './cpd.service';

const FORMATS = ['csv', 'md', 'pdf'] as const;

export class CpdExportQueryDto implements CpdExportRequest {
  @ApiPropertyOptional({ enum: FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: (typeof FORMATS)[number];

  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'First day (default: a year before `to`); years 1900 to 2200' })
  @IsOptional()
  @IsBoundedDate({ dateOnly: true, message: 'from must be a date such as 2026-01-01' })
  from?: string;

  @ApiPropertyOptional({ enum: REGULATORS, description: "CSV in a regulator's fields: Social Work England (with the peer-reflection flag), the SSSC or Social Care Wales" })
  @IsOptional()
  @IsIn(REGULATORS, { message: `regulator must be one of ${REGULATORS.join(', ')}` })
  regulator?: Regulator;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last day (default: today); years 1900 to 2200' })
  @IsOptional()
  @IsBoundedDate({ dateOnly: true, message: 'to must be a date such as 2026-12-31' })
  to?: string;
}

/**
 * The caller's CPD records: the set meetings they took part in (never what was discussed: the
 * record says what they did, not the cases) and their own learning-log entries.
 */
@ApiTags('me')
@ApiErrors(400, 401)
@ApiBearerAuth()
@Controller('me/cpd-export')
export class CpdController {
  constructor(private readonly cpd: CpdService) {}

  @Get()
  @ApiProduces('text/csv', 'text/markdown', 'application/pdf')
  @ApiOkResponse({ description: 'CPD records (activity type, date, title, description, learning, impact on practice, peer discussion, hours) as CSV, Markdown or PDF', schema: { type: 'string', format: 'binary' } })
  async export(@CurrentUser() user: UserEntity, @Query() query: CpdExportQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const file = await this.cpd.export(user, query);
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    response.setHeader('Content-Type', file.contentType);
    return new StreamableFile(file.body);
  }
}
