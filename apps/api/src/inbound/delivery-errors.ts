/**
 * Whether a failure while taking in a message may pass if the sender tries again later: the
 * database unreachable, overloaded, restarting, or a conflict that a retry resolves. Only these
 * may be answered with a temporary SMTP 4xx (a sending server retries those for days); anything
 * else about a message is permanent, and is refused with a 5xx and the reason.
 */
export function isTransientFailure(error: unknown): boolean {
  for (let e: unknown = error, hops = 0; e && typeof e === 'object' && hops < 5; hops++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    // SQLSTATE: 08 connection exception, 53 insufficient resources, 57P01–57P03 shutdown and
    // restarts, 40001 serialization failure, 40P01 deadlock, 55P03 lock not available.
    if (typeof code === 'string' && (/^(08|53)/.test(code) || ['57P01', '57P02', '57P03', '40001', '40P01', '55P03'].includes(code))) return true;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'].includes(code)) return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection is not established|Cannot use a pool after calling end/i.test(message)) return true;
    const next = e as { driverError?: unknown; cause?: unknown };
    e = next.driverError ?? next.cause;
  }
  return false;
}

/** A message that cannot be used, with the reason in words for its sender: it is refused (or bounced) and nothing of it is kept. */
export class Bounce extends Error {}
