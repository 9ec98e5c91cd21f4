/**
 * @jest-environment node
 */
// Every GraphQL document the product sends to GitHub, validated against GitHub's published
// schema (`@octokit/graphql-schema`, the public schema GitHub's API serves, pinned in
// package.json): a field, argument or variable type GitHub does not have fails here rather
// than against github.com.
import fs from 'fs';
import { buildClientSchema, GraphQLSchema, parse, validate } from 'graphql';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * The introspection result GitHub serves, as the package ships it (read by path: the package
 * exports only its ES module). Its SDL twin defines two EnterpriseOwnerInfo fields twice,
 * which `buildSchema` refuses.
 */
const SCHEMA_FILE = path.join(ROOT, 'node_modules', '@octokit', 'graphql-schema', 'schema.json');

/** Every `.ts` file under src/ that is not a test. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(file);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/**
 * Every exported constant whose value is a GraphQL operation (`export const X = \`query Name(`),
 * found by reading the sources and then taken from the module itself, so interpolated parts
 * are validated as GitHub receives them.
 */
function graphqlDocuments(): Array<{ where: string; document: string }> {
  return sourceFiles(path.join(ROOT, 'src')).flatMap((file) => {
    const source = fs.readFileSync(file, 'utf8');
    const names = [...source.matchAll(/export const (\w+)\s*=\s*`(?:query|mutation)\s/g)].map((match) => match[1]);
    const values = names.length ? (require(file) as Record<string, unknown>) : {};
    return names.map((name) => ({ where: `${path.relative(ROOT, file)}: ${name}`, document: String(values[name]) }));
  });
}

describe('GitHub GraphQL queries against GitHub\'s published schema', () => {
  let schema: GraphQLSchema;
  const documents = graphqlDocuments();

  beforeAll(() => {
    const introspection = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    schema = buildClientSchema(introspection.data ?? introspection);
  });

  it('finds the queries the providers send', () => {
    expect(documents.map((d) => d.where)).toContain('src/events/providers/readGitHubDeploymentsGraphql.ts: GITHUB_DEPLOYMENTS_QUERY');
  });

  it.each(documents.map((d) => [d.where, d.document]))('%s is valid', (_where, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toStrictEqual([]);
  });

  it('rejects a field GitHub does not have, so a passing check means something', () => {
    const wrong = 'query Wrong($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { deployments(first: 1) { nodes { mergedAt } } } }';
    expect(validate(schema, parse(wrong)).map((error) => error.message)).toStrictEqual([
      'Cannot query field "mergedAt" on type "Deployment". Did you mean "createdAt"?',
    ]);
  });
});
