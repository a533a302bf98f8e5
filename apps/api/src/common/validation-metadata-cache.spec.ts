import { IsInt, IsString, Max, MaxLength, Min, getMetadataStorage, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Derived extends Base {
  @IsInt()
  @Min(1)
  count!: number;
}

const problems = (value: object) =>
  validateSync(value, { whitelist: true, forbidNonWhitelisted: true })
    .map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).sort().join(',')}`)
    .sort();

const make = <T extends object>(cls: new () => T, values: Record<string, unknown>): T => Object.assign(new cls(), values);

describe('memoized validation rules', () => {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<object, unknown[]> };
  const cases: [new () => object, Record<string, unknown>][] = [
    [Base, { name: 'ok' }],
    [Base, { name: 'far too long', extra: 1 }],
    [Derived, { name: 'ok', count: 2 }],
    [Derived, { name: 12, count: 0 }],
    [Derived, { count: 'x', name: 'okay', stray: true }],
  ];
  const before = cases.map(([cls, values]) => problems(make(cls, values)));

  beforeAll(() => memoizeValidationMetadata());

  it('judges every value exactly as class-validator does unmemoized, inherited rules included', () => {
    expect(before[0]).toEqual([]);
    expect(before[3]).toEqual(['count:min', 'name:isString,maxLength']);
    expect(cases.map(([cls, values]) => problems(make(cls, values)))).toEqual(before);
    // And again, now answered from the memo.
    expect(cases.map(([cls, values]) => problems(make(cls, values)))).toEqual(before);
  });

  it('answers a repeated lookup without scanning every registered class', () => {
    problems(make(Derived, { name: 'ok', count: 1 }));
    const scan = jest.spyOn(storage.validationMetadatas, 'entries');
    for (let i = 0; i < 10; i++) problems(make(Derived, { name: 'ok', count: i }));
    expect(scan).not.toHaveBeenCalled();
    scan.mockRestore();
  });

  it('sees rules registered after it was warmed (a class loaded later, or a subclass of a warmed class)', () => {
    expect(problems(make(Derived, { name: 'ok', count: 3 }))).toEqual([]);
    class Later extends Derived {
      @Max(2)
      declare count: number;
    }
    expect(problems(make(Later, { name: 'ok', count: 3 }))).toEqual(['count:max']);
    expect(problems(make(Derived, { name: 'ok', count: 3 }))).toEqual([]);
    // A rule added to a class already looked up (and memoized) applies at once.
    Max(2)(Derived.prototype, 'count');
    expect(problems(make(Derived, { name: 'ok', count: 3 }))).toEqual(['count:max']);
  });

  it('installs once however often it is called', () => {
    const lookup = (getMetadataStorage() as unknown as { getTargetValidationMetadatas: unknown }).getTargetValidationMetadatas;
    memoizeValidationMetadata();
    expect((getMetadataStorage() as unknown as { getTargetValidationMetadatas: unknown }).getTargetValidationMetadatas).toBe(lookup);
  });
});
