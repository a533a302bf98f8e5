import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@api/config/app-config';

/** What a reply address stands for: a person's place in a round (`r`), or a report-back prompt before a meeting (`b`). */
export type ReplyKind = 'r' | 'b';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_CHARS = 26;
const MAC_CHARS = 10;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string, length: number): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return out.length >= length ? Buffer.from(out.slice(0, length)) : null;
}

/**
 * Reply addresses `reply+<kind><id><mac>@MAIL_DOMAIN`: the id of what the address stands for (a
 * UUID in base32) and an HMAC over it, all lower case (some mail servers lower-case local parts)
 * and within the 64 characters a local part may have. Whoever writes to the address speaks for
 * that row; what the row may still do (round open, member still in the set, sender's address) is
 * checked when a message arrives.
 */
@Injectable()
export class ReplyAddresses {
  private readonly key: Buffer;

  constructor(private readonly config: AppConfig) {
    this.key = createHmac('sha256', config.jwtSecret).update('reply-addresses/v1').digest();
  }

  address(kind: ReplyKind, id: string): string {
    const raw = Buffer.from(id.replace(/-/g, ''), 'hex');
    const encoded = base32(raw);
    return `reply+${kind}${encoded}${this.mac(kind, encoded)}@${this.config.MAIL_DOMAIN}`;
  }

  /** What an address stands for, if it is one of ours with a valid MAC; null otherwise. */
  parse(address: string): { kind: ReplyKind; id: string } | null {
    const match = /^reply\+([rb])([a-z2-7]{26})([a-z2-7]{10})@(.+)$/.exec(address.trim().toLowerCase());
    if (!match || match[4] !== this.config.MAIL_DOMAIN.toLowerCase()) return null;
    const [, kind, encoded, mac] = match as unknown as [string, ReplyKind, string, string];
    const expected = Buffer.from(this.mac(kind, encoded));
    if (!timingSafeEqual(expected, Buffer.from(mac))) return null;
    const raw = fromBase32(encoded, 16);
    if (!raw) return null;
    const hex = raw.toString('hex');
    return { kind, id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
  }

  private mac(kind: ReplyKind, encoded: string): string {
    return base32(createHmac('sha256', this.key).update(`${kind}:${encoded}`).digest()).slice(0, MAC_CHARS);
  }
}

export const REPLY_ADDRESS_LENGTH = 'reply+'.length + 1 + ID_CHARS + MAC_CHARS;
