import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DateTime } from 'luxon';

/**
 * The one source of "now" in the API. Rules take the time from here (never `new Date()` or
 * `Date.now()`), so tests move time by injecting a `TestClock`, and SQL gets it as a parameter
 * rather than calling `now()` where a rule depends on it.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Milliseconds since the epoch. */
  millis(): number {
    return this.now().getTime();
  }

  /** Now as a luxon DateTime in `zone` (an IANA name): for calendar days, counted in a person's or set's zone. */
  dateTime(zone = 'utc'): DateTime {
    return DateTime.fromJSDate(this.now(), { zone });
  }
}

/** The wall clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock a test sets and moves; it stands still unless told otherwise. */
export class TestClock extends Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  /** Moves the clock on by a luxon duration, e.g. `{ days: 2 }` or `{ minutes: 5 }`. */
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number }): void {
    this.current = DateTime.fromMillis(this.current).plus(by).toMillis();
  }
}

@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
