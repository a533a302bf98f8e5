import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SetEntity } from './set.entity';

/** Cancels a set's meetings to come inside the caller's transaction; answers how many, and what to do after the commit. */
export type CancelUpcoming = (manager: EntityManager, set: SetEntity) => Promise<{ cancelled: number; afterCommit: () => void }>;

/**
 * Closing a set with meetings to come, when the facilitator asks for it (`cancelUpcoming: true`):
 * the meetings module, which imports this one, registers how its meetings are cancelled and
 * everyone told, so that `SetsService.close` can do it under the set's lock without importing
 * the meetings module back.
 */
@Injectable()
export class SetClosing {
  private step: CancelUpcoming | null = null;

  cancelsUpcomingWith(step: CancelUpcoming): void {
    this.step = step;
  }

  cancelUpcoming(manager: EntityManager, set: SetEntity): ReturnType<CancelUpcoming> {
    if (!this.step) throw new Error('No way to cancel meetings is registered (MeetingsModule is not loaded)');
    return this.step(manager, set);
  }
}
