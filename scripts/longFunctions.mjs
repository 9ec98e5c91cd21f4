// Lists the functions longer than N lines (default 100) in the given folders (default src,
// preview and scripts) and exits 1 when there is any: `npm test` runs it among its checks, since
// the house style wants functions one can see whole.
// Usage: node scripts/longFunctions.mjs [N] [DIR...]
//
// Source: the maintainers' tools/long_functions.cjs (shared reference tools of the SafeDeploy
// project), rewritten as an ES module with an exit status; what it counts is unchanged:
// function declarations, methods, and arrow or function expressions bound to a variable,
// from the line of their first token to the line of their last; tests (*.test.*, *.spec.*),
// declaration files and folders named node_modules, testing or __*__ are left out.
import fs from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

const SOURCE = /\.(tsx?|m?js|cjs)$/;
const LEFT_OUT_FILE = /\.(test|spec)\.(tsx?|m?js|cjs)$|\.d\.ts$/;
const LEFT_OUT_DIR = /node_modules|testing|__/;

/** The named functions of one file longer than `limit` lines, as `file:line name length`. */
function longFunctionsIn(file, limit) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    let name = null;
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) {
      name = node.name ? node.name.getText(source) : null;
    } else if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parent && ts.isVariableDeclaration(node.parent)) {
      name = node.parent.name.getText(source);
    }
    if (name) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > limit) {
        found.push(`${path.relative(process.cwd(), file)}:${first + 1} ${name} ${last - first + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every source file under `dir`, tests and the left-out folders excepted. */
function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return LEFT_OUT_DIR.test(entry.name) ? [] : sourceFiles(full);
    }
    return SOURCE.test(entry.name) && !LEFT_OUT_FILE.test(entry.name) ? [full] : [];
  });
}

const limit = Number(process.argv[2] ?? 100);
const dirs = process.argv.length > 3 ? process.argv.slice(3) : ['src', 'preview', 'scripts'];
const found = dirs
  .filter((dir) => fs.existsSync(dir))
  .flatMap((dir) => sourceFiles(path.join(process.cwd(), dir)))
  .flatMap((file) => longFunctionsIn(file, limit));
found.forEach((line) => console.log(line));
console.log(`functions over ${limit} lines in ${dirs.join(', ')}: ${found.length}${found.length ? ' (split them into named steps)' : ''}`);
process.exitCode = found.length > 0 ? 1 : 0;
