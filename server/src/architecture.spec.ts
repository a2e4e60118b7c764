import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The arrows between feature folders run one way (docs/style.md): intake → orders → reports, and
 * a migration is history that no change to live code may alter. Read from the sources with the
 * TypeScript parser, so a type-only or a dynamic import counts as much as any other.
 */

const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** A file's path under src, with forward slashes: `orders/orders.module.ts`. */
const fromSrc = (path: string) => relative(SRC, path).split(sep).join('/');

/** The top-level folder (or root file, without `.ts`) a path under src belongs to. */
const layerOf = (path: string) => fromSrc(path).split('/')[0].replace(/\.ts$/, '');

interface Import {
  file: string;
  specifier: string;
  /** The layer of the importing file. */
  from: string;
  /** The layer of the imported file; null for a package. */
  to: string | null;
}

function importsOf(file: string): Import[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => ({
    file: fromSrc(file),
    specifier,
    from: layerOf(file),
    to: specifier.startsWith('.') ? layerOf(resolve(dirname(file), specifier)) : null,
  }));
}

const IMPORTS = sourceFiles(SRC).flatMap(importsOf);

/** `orders/x.ts imports ../intake/y` for each import that breaks the rule. */
const breaking = (rule: (i: Import) => boolean) =>
  IMPORTS.filter(rule).map(({ file, specifier }) => `${file} imports ${specifier}`);

/** Each identifier a `providers: [...]` of the module file lists (a class, or a token's class). */
function providersOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  const collect = (node: ts.Node): void => {
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) {
        if (ts.isIdentifier(element)) names.push(element.text);
        else if (ts.isObjectLiteralExpression(element)) {
          const by = (key: string) =>
            element.properties.find(
              (p): p is ts.PropertyAssignment =>
                ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === key,
            )?.initializer;
          const provided = by('useClass') ?? by('provide');
          if (provided && ts.isIdentifier(provided)) names.push(provided.text);
        } else ts.forEachChild(element, collect);
      }
      return;
    }
    ts.forEachChild(node, collect);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'providers'
    ) {
      collect(node.initializer);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** Provider → the module files that list it. */
function providerModules(): Map<string, string[]> {
  const modules = new Map<string, string[]>();
  for (const file of sourceFiles(SRC).filter((f) => f.endsWith('.module.ts'))) {
    for (const name of new Set(providersOf(file))) {
      modules.set(name, [...(modules.get(name) ?? []), fromSrc(file)]);
    }
  }
  return modules;
}

describe('import direction', () => {
  it('reads the imports it checks', () => {
    expect(IMPORTS).toContainEqual({
      file: 'intake/intake.service.ts',
      specifier: '../orders/order-dispatcher',
      from: 'intake',
      to: 'orders',
    });
  });

  it('keeps reports a leaf: its files import only reports, database and common', () => {
    const allowed = ['reports', 'database', 'common'];

    expect(
      breaking((i) => i.from === 'reports' && i.to !== null && !allowed.includes(i.to)),
    ).toEqual([]);
  });

  it('keeps orders below intake', () => {
    expect(breaking((i) => i.from === 'orders' && i.to === 'intake')).toEqual([]);
  });

  it('keeps children a leaf below intake and orders', () => {
    const above = ['orders', 'intake', 'child-files'];

    expect(breaking((i) => i.from === 'children' && above.includes(i.to ?? ''))).toEqual([]);
  });

  it('keeps visits a layer nothing but the application imports', () => {
    expect(
      breaking((i) => i.to === 'visits' && !['visits', 'app.module'].includes(i.from)),
    ).toEqual([]);
  });

  it('keeps orders below child files', () => {
    expect(breaking((i) => i.from === 'orders' && i.to === 'child-files')).toEqual([]);
  });

  it('lets only the application, the demo data, visits and dropouts import child files', () => {
    const above = ['child-files', 'app.module', 'demo', 'visits', 'dropouts'];

    expect(breaking((i) => i.to === 'child-files' && !above.includes(i.from))).toEqual([]);
  });

  it('lets only the application, the demo data, visits and dropouts import intake', () => {
    const above = ['intake', 'app.module', 'demo', 'visits', 'dropouts'];

    expect(breaking((i) => i.to === 'intake' && !above.includes(i.from))).toEqual([]);
  });

  it('keeps dropouts near the top: only the application and the figures (stats) import it', () => {
    const above = ['dropouts', 'stats', 'app.module'];

    expect(breaking((i) => i.to === 'dropouts' && !above.includes(i.from))).toEqual([]);
  });

  it('keeps the accountability figures (stats) at the top: only the application and the 台账 import them', () => {
    const above = ['stats', 'ledger', 'app.module'];

    expect(breaking((i) => i.to === 'stats' && !above.includes(i.from))).toEqual([]);
  });

  it('keeps the 台账 (ledger) at the very top: only the application imports it', () => {
    const above = ['ledger', 'app.module'];

    expect(breaking((i) => i.to === 'ledger' && !above.includes(i.from))).toEqual([]);
  });
});

describe('migrations', () => {
  it('import nothing but TypeORM and each other: live code may change, history may not', () => {
    const migrations = join(SRC, 'database', 'migrations');
    const sibling = (specifier: string) =>
      specifier.startsWith('./') && dirname(resolve(migrations, specifier)) === migrations;
    const inMigrations = (i: Import) => i.file.startsWith('database/migrations/');

    expect(IMPORTS.filter(inMigrations).length).toBeGreaterThan(0);
    expect(
      breaking((i) => inMigrations(i) && i.specifier !== 'typeorm' && !sibling(i.specifier)),
    ).toEqual([]);
  });
});

describe('providers', () => {
  it('registers each provider in one module, which the others import', () => {
    const shared = [...providerModules()].filter(([, modules]) => modules.length > 1);

    expect(shared).toEqual([]);
  });

  it('provides ReportsRepository in ReportsModule only', () => {
    expect(providerModules().get('ReportsRepository')).toEqual(['reports/reports.module.ts']);
  });
});
