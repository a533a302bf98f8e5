import { BoundedMap } from './bounded-map';

describe(BoundedMap.name, () => {
  it('never holds more than its size: the least recently used go first', () => {
    const sut = new BoundedMap<string, number>(3);
    for (const key of ['a', 'b', 'c']) sut.set(key, 1);
    expect(sut.get('a')).toBe(1); // a is now the most recently used
    sut.set('d', 1);
    expect([...sut.keys()]).toEqual(['c', 'a', 'd']);
    for (let i = 0; i < 10_000; i++) sut.set(`k${i}`, i);
    expect(sut.size).toBe(3);
    expect([...sut.keys()]).toEqual(['k9997', 'k9998', 'k9999']);
  });

  it('forgets what was not used for longer than its idle age, on reading it and on any write', () => {
    let now = 0;
    const sut = new BoundedMap<string, string>(100, 1000, () => now);
    sut.set('old', 'x');
    sut.set('kept', 'y');
    now = 600;
    expect(sut.get('kept')).toBe('y');
    now = 1001;
    expect(sut.get('old')).toBeUndefined();
    expect(sut.size).toBe(1);
    now = 1700;
    sut.set('new', 'z'); // 'kept' was last used at 600
    expect([...sut.keys()]).toEqual(['new']);
    now = 5000;
    sut.prune();
    expect(sut.size).toBe(0);
  });

  it('peeks without counting a use', () => {
    const sut = new BoundedMap<string, number>(2);
    sut.set('a', 1);
    sut.set('b', 2);
    expect(sut.peek('a')).toBe(1);
    sut.set('c', 3);
    expect(sut.peek('a')).toBeUndefined();
  });
});
