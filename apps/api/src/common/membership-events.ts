import { Global, Injectable, Module } from '@nestjs/common';
import { Subject } from 'rxjs';

/** A person's access ended or changed: their open connections (live sessions) must follow at once. */
export type MembershipEvent = { kind: 'left-set'; setId: string; userId: string } | { kind: 'signed-out'; userId: string };

@Injectable()
export class MembershipEvents {
  readonly events = new Subject<MembershipEvent>();

  leftSet(setId: string, userId: string): void {
    this.events.next({ kind: 'left-set', setId, userId });
  }

  signedOut(userId: string): void {
    this.events.next({ kind: 'signed-out', userId });
  }
}

@Global()
@Module({ providers: [MembershipEvents], exports: [MembershipEvents] })
export class MembershipEventsModule {}
