import { createHmac, timingSafeEqual } from 'node:crypto';
import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '@api/common/api-errors';
import { Public } from '@api/common/request-user';
import { AppConfig } from '@api/config/app-config';
import { isTransientFailure } from './delivery-errors';
import { InboundMailService, type InboundOutcome } from './inbound-mail.service';
import { InboundErrorCode, CommonErrorCode } from '@als/shared';
import { forbidden, notFound, unauthorized, unavailable } from '@api/common/domain-error';

class InboundResultDto {
  @ApiProperty({ enum: ['stored', 'duplicate', 'ignored', 'bounced'] }) outcome: InboundOutcome;
  @ApiPropertyOptional({ description: 'Why it was bounced or ignored' }) reason?: string;
}

/** The signature of a raw message: `sha256=<hex HMAC-SHA256 of the body with INBOUND_EMAIL_SECRET>`. */
export function inboundSignature(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Mail providers' inbound hooks (Mailgun, Postmark, SES…) post the raw message here. */
@ApiTags('inbound e-mail')
@ApiErrors(401, 404, 413, 503)
@Controller('inbound')
export class InboundController {
  constructor(
    private readonly config: AppConfig,
    private readonly inbound: InboundMailService,
  ) {}

  @Public()
  @Post('email')
  @HttpCode(200)
  @ApiConsumes('message/rfc822')
  @ApiBody({ description: 'The raw RFC 822 message', schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'x-inbound-signature', required: true, description: '`sha256=` and the hex HMAC-SHA256 of the raw body with INBOUND_EMAIL_SECRET' })
  @ApiOkResponse({ type: InboundResultDto, description: 'What became of the message: stored, a duplicate (stored once), ignored (an automatic reply), or bounced (the sender is told why by e-mail; nothing was stored). 404 while INBOUND_EMAIL_SECRET is not set.' })
  async receive(@Req() request: Request, @Headers('x-inbound-signature') signature: string | undefined): Promise<InboundResultDto> {
    const secret = this.config.INBOUND_EMAIL_SECRET;
    if (!secret) throw notFound(InboundErrorCode.NotEnabled, 'Inbound e-mail over HTTP is not enabled here.');
    const body = request.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) throw forbidden(InboundErrorCode.NotRawMessage, 'Send the raw message as the request body (Content-Type: message/rfc822).');
    const expected = Buffer.from(inboundSignature(secret, body));
    const given = Buffer.from(signature ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized(InboundErrorCode.BadSignature, 'The signature does not match the message.');
    // A failure that may pass is a 503, which the provider retries; anything else about the message is answered (bounced).
    const { outcome, reason } = await this.inbound.receive(body, []).catch((error: unknown) => {
      throw isTransientFailure(error) ? unavailable(CommonErrorCode.Unavailable, 'The database is not reachable: send the message again later.') : error;
    });
    return { outcome, ...(reason ? { reason } : {}) };
  }
}
