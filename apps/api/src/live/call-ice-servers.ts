import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CALL_LIMITS, type CallIceServer } from '@als/shared';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';

/**
 * TURN credentials in coturn's shared-secret scheme (its `use-auth-secret` /
 * `static-auth-secret`, the "TURN REST API"): the username is `<expiry>:<userId>`, the expiry in
 * seconds since the epoch, and the credential is base64(HMAC-SHA1(secret, username)). coturn
 * computes the same and refuses a username whose expiry has passed.
 */
export function turnCredentials(secret: string, userId: string, expiresAtSeconds: number): { username: string; credential: string } {
  const username = `${expiresAtSeconds}:${userId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/**
 * The ICE servers the call's browsers use: those of ICE_SERVERS, and a TURN server (TURN_URLS)
 * with credentials signed with TURN_SECRET for this person, valid TURN_TTL_SECONDS (at most
 * 24 hours). Given only to someone in the meeting's session (the gateway's call:join).
 */
@Injectable()
export class CallIceServers {
  private readonly configured: CallIceServer[];

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.configured = config.ICE_SERVERS ? (JSON.parse(config.ICE_SERVERS) as CallIceServer[]) : [];
  }

  for(userId: string): { iceServers: CallIceServer[]; credentialsExpireAt: string | null } {
    const { TURN_SECRET: secret, TURN_URLS: urls } = this.config;
    if (!secret || !urls) return { iceServers: this.configured, credentialsExpireAt: null };
    const ttl = Math.min(this.config.TURN_TTL_SECONDS, CALL_LIMITS.turnTtlSeconds);
    const expiresAt = Math.floor(this.clock.millis() / 1000) + ttl;
    const turn: CallIceServer = { urls: urls.split(',').map((u) => u.trim()), ...turnCredentials(secret, userId, expiresAt) };
    return { iceServers: [...this.configured, turn], credentialsExpireAt: new Date(expiresAt * 1000).toISOString() };
  }
}
