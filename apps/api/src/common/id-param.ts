import { NotFoundException, Param, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

class UuidOrNotFound implements PipeTransform<unknown, string> {
  constructor(private readonly notFound: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) throw new NotFoundException(this.notFound);
    return value;
  }
}

/** A path parameter that is an id: anything but a uuid names nothing and is answered 404 (`notFound`) before any query. */
export const IdParam = (name: string, notFound: string) => Param(name, new UuidOrNotFound(notFound));
