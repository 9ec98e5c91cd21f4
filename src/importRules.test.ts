/**
 * @jest-environment node
 */
// The floors of src/: each folder may import only the folders below it, and no file imports
// itself back through others. Read from the sources' own import lines.
import fs from 'fs';
import path from 'path';

const SRC = __dirname;

/** Each folder of src/ and the folders it may import; a folder not listed here fails the test. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  vocabulary: [],
  http: [],
  testing: [],
  engine: ['vocabulary'],
  events: ['vocabulary', 'http'],
  act: ['vocabulary', 'events', 'http'],
  datasource: ['vocabulary', 'events', 'http', 'act'],
  frames: ['vocabulary', 'engine', 'events'],
  metrics: ['vocabulary', 'engine', 'events', 'http', 'testing'],
  dora: ['vocabulary', 'engine', 'events', 'frames'],
  panel: ['vocabulary', 'engine', 'events', 'frames', 'dora', 'act'],
  app: ['vocabulary', 'engine', 'events', 'frames', 'dora', 'panel', 'act'],
  cli: ['vocabulary', 'datasource', 'engine', 'events', 'http', 'metrics', 'frames', 'testing', 'act'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.[^'"]+)['"]/g;

/** The files of src/ that `file` imports by a relative path, resolved to real files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].flatMap((m) => {
    const base = path.resolve(path.dirname(file), m[1]);
    const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
      (c) => fs.existsSync(c) && fs.statSync(c).isFile()
    );
    return found && found.startsWith(SRC) ? [found] : [];
  });
}

const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0];
const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('import rules of src/', () => {
  it('reads the imports of the sources (the test sees what it checks)', () => {
    expect(graph.get(path.join(SRC, 'engine', 'types.ts'))).toContain(path.join(SRC, 'vocabulary', 'index.ts'));
  });

  it('lets each folder import only the folders below it', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (!(from in MAY_IMPORT)) {
        continue; // files at the top of src/ (module.tsx) may import any folder
      }
      for (const target of targets) {
        const to = folderOf(target);
        if (to !== from && !MAY_IMPORT[from].includes(to)) {
          upward.push(`${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
        }
      }
    }
    expect(upward).toStrictEqual([]);
  });

  it("lets the app use the panel only through the panel's entry point (panel/index.ts)", () => {
    const entry = path.join(SRC, 'panel', 'index.ts');
    const inside = [...graph].flatMap(([file, targets]) =>
      folderOf(file) === 'app' ? targets.filter((t) => folderOf(t) === 'panel' && t !== entry).map((t) => `${path.relative(SRC, file)} imports ${path.relative(SRC, t)}`) : []
    );
    expect(inside).toStrictEqual([]);
  });

  it('has every folder of src/ in the list of floors', () => {
    const folders = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory() && sourceFiles(path.join(SRC, e.name)).length > 0)
      .map((e) => e.name);
    expect(folders.filter((f) => !(f in MAY_IMPORT))).toStrictEqual([]);
  });

  it('has no import circle between files', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') {
        return;
      }
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        visit(next, [...trail, file]);
      }
      state.set(file, 'done');
    };
    files.forEach((f) => visit(f, []));
    expect(circles).toStrictEqual([]);
  });
});
