import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..');

/** What puts data access in a controller: the rule then has no service to test it, and no second caller. */
const DATA_ACCESS: { what: string; pattern: RegExp }[] = [
  { what: 'imports DataSource, EntityManager or Repository from typeorm', pattern: /import\s*(type\s*)?\{[^}]*\b(DataSource|EntityManager|Repository)\b[^}]*\}\s*from\s*'typeorm'/ },
  { what: 'imports InjectRepository', pattern: /\bInjectRepository\b/ },
  { what: 'runs SQL (.query()', pattern: /\.query\(/ },
  { what: 'opens a transaction', pattern: /\.transaction\(/ },
  { what: 'reaches a repository', pattern: /\.getRepository\(|\.createQueryBuilder\(/ },
];

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

/** The data access a source text holds, by rule broken. */
export function dataAccessIn(source: string): string[] {
  return DATA_ACCESS.filter(({ pattern }) => pattern.test(source)).map(({ what }) => what);
}

describe('controllers translate only', () => {
  describe('dataAccessIn', () => {
    it('finds each kind of data access', () => {
      expect(dataAccessIn(`import { DataSource } from 'typeorm';`)).toEqual([DATA_ACCESS[0].what]);
      expect(dataAccessIn(`import { In, Repository } from 'typeorm';`)).toEqual([DATA_ACCESS[0].what]);
      expect(dataAccessIn(`import { type EntityManager } from 'typeorm';`)).toEqual([DATA_ACCESS[0].what]);
      expect(dataAccessIn(`@InjectRepository(UserEntity) private readonly users`)).toEqual([DATA_ACCESS[1].what]);
      expect(dataAccessIn(`await this.db.query('SELECT 1')`)).toEqual([DATA_ACCESS[2].what]);
      expect(dataAccessIn(`this.db.transaction(async (m) => m)`)).toEqual([DATA_ACCESS[3].what]);
      expect(dataAccessIn(`this.db.getRepository(SetEntity)`)).toEqual([DATA_ACCESS[4].what]);
    });

    it('finds nothing in a controller that calls its service', () => {
      expect(dataAccessIn(`import { Query } from '@nestjs/common';\n@Get() list(@Query() q: Dto) { return this.sets.list(q); }`)).toEqual([]);
    });
  });

  it.each(files(SRC, '.controller.ts').map((path) => [relative(SRC, path)]))('%s holds no data access', (path) => {
    expect(dataAccessIn(readFileSync(join(SRC, path), 'utf8'))).toEqual([]);
  });
});
