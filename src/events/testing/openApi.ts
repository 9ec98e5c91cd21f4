import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Contract checks against a publisher's OpenAPI 3 or Swagger 2 description: that a request
 * we send names a path, method and query parameters the API has, and that a payload fits the
 * schema it documents. For tests only.
 */

type Json = Record<string, unknown>;

/** OpenAPI's numeric formats, which JSON Schema does not define: any number of the type passes. */
const OPENAPI_FORMATS = ['int32', 'int64', 'uint8', 'uint32', 'uint64', 'float', 'double', 'byte', 'binary', 'password', 'duration', 'quantity'];

/**
 * An Ajv instance for OpenAPI schemas: not strict (descriptions carry `example`, `x-*` and
 * other keywords JSON Schema does not know), every error reported, formats checked.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // LaunchDarkly's description also writes `format: string` on its text parameters.
  for (const format of [...OPENAPI_FORMATS, 'string']) {
    ajv.addFormat(format, true);
  }
  return ajv;
}

/** RFC 6901 escaping of one JSON-pointer segment. */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface Operation {
  /** The description's path template, e.g. `/repos/{owner}/{repo}/deployments`. */
  template: string;
  method: string;
  parameters: Json[];
  /** JSON pointer of the 200 answer's schema within the description. */
  responsePointer: string;
}

/** Follows a local `$ref` (`#/components/parameters/x`). */
function resolve(doc: Json, node: unknown): Json {
  const ref = (node as Json)?.$ref;
  if (typeof ref !== 'string') {
    return node as Json;
  }
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((at, key) => (at as Json)?.[key], doc) as Json;
}

/**
 * The operation a request reaches: the path template whose literal segments match (a
 * `{name}` segment matches any one segment), with `basePath` (Swagger 2) stripped first.
 * null when the description has no such path or method.
 */
export function findOperation(doc: Json, method: string, path: string): Operation | null {
  const base = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/$/, '') : '';
  const relative = base && path.startsWith(base) ? path.slice(base.length) : path;
  const segments = relative.split('/');
  const paths = doc.paths as Record<string, Json>;
  for (const [template, item] of Object.entries(paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length || !parts.every((part, i) => /^\{.+\}$/.test(part) || part === decodeURIComponent(segments[i]))) {
      continue;
    }
    const operation = item[method.toLowerCase()] as Json | undefined;
    if (!operation) {
      return null;
    }
    const parameters = [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])].map((p) => resolve(doc, p));
    const ok = (operation.responses as Json)?.['200'] as Json | undefined;
    const openApi3 = ok && resolve(doc, ok).content !== undefined;
    const responsePointer = openApi3
      ? `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/200/content/application~1json/schema`
      : `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/200/schema`;
    return { template, method, parameters, responsePointer };
  }
  return null;
}

/**
 * What is wrong with a request against the description: an unknown path or method, a query
 * parameter the operation does not declare, or a value its schema refuses. [] when it fits.
 * `syntax` replaces a parameter's schema by a pattern where the description's text documents
 * a syntax its schema does not express.
 */
export function requestProblems(doc: Json, ajv: Ajv, method: string, url: string, syntax: Record<string, RegExp> = {}): string[] {
  const parsed = new URL(url, 'http://contract.invalid');
  const operation = findOperation(doc, method, parsed.pathname);
  if (!operation) {
    return [`${method} ${parsed.pathname}: no such operation`];
  }
  const problems: string[] = [];
  for (const [name, value] of parsed.searchParams) {
    const declared = operation.parameters.find((p) => p.in === 'query' && p.name === name);
    if (!declared) {
      problems.push(`${operation.template}: query parameter ${name} is not declared`);
      continue;
    }
    if (syntax[name]) {
      if (!syntax[name].test(value)) {
        problems.push(`${operation.template}: ${name}=${value}: does not match ${syntax[name]}`);
      }
      continue;
    }
    // Swagger 2 puts type/format on the parameter itself, OpenAPI 3 under `schema`.
    const whole = (declared.schema as Json | undefined) ?? { type: declared.type, format: declared.format, enum: declared.enum, items: declared.items };
    // A repeated parameter (`tags=a&tags=b`, Swagger's `multi`) carries one item per occurrence.
    const schema = whole.type === 'array' && whole.items ? (whole.items as Json) : whole;
    const type = schema.type;
    const typed = type === 'integer' || type === 'number' ? Number(value) : type === 'boolean' ? value === 'true' : value;
    if (!ajv.validate(schema, typed)) {
      problems.push(`${operation.template}: ${name}=${value}: ${ajv.errorsText(ajv.errors)}`);
    }
  }
  return problems;
}

/** Compiles the 200 answer's schema of an operation; the description must be added to `ajv` under `id`. */
export function responseValidator(ajv: Ajv, id: string, operation: Operation): ValidateFunction {
  const validate = ajv.getSchema(`${id}${operation.responsePointer}`);
  if (!validate) {
    throw new Error(`no schema at ${id}${operation.responsePointer}`);
  }
  return validate;
}

/** Ajv's errors as short lines, for a failing expectation that says what differs. */
export function errorLines(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/**
 * A copy of a description in which every property of every schema also accepts `null`: for an
 * API that serialises unset fields as null while its Swagger 2 description cannot say so
 * (Swagger 2 has no null type). A `$ref` property becomes `$ref` or null.
 */
export function nullableProperties(doc: Json): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  const visit = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object') {
      return;
    }
    const node = schema as Json;
    const properties = node.properties as Record<string, Json> | undefined;
    for (const [name, property] of Object.entries(properties ?? {})) {
      visit(property);
      properties![name] = typeof property.$ref === 'string' ? { anyOf: [property, { type: 'null' }] } : { ...property, nullable: true };
    }
    visit(node.items);
  };
  const schemas = (copy.definitions ?? (copy.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  Object.values(schemas).forEach(visit);
  return copy;
}
