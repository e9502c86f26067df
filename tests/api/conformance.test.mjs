// The live API against its own OpenAPI document (tests/api/run.sh starts the server and passes
// WZ_URL, WZ_ADMIN_TOKEN and WZ_STORE_TOKEN). The operations come from the document, never from
// a list kept here, so a route added to src/api/routes.c is checked the day it exists:
//   - every GET operation, called with real path parameters found through the list
//     operations (or known fixtures: store 1 is store1's, TECHHUB its code), answers a status
//     the operation documents, with a body that matches the documented schema;
//   - every operation that needs a token answers 401 without one;
//   - every GET with an id in its path answers 404 for an id that does not exist;
//   - every POST/PATCH with a JSON body answers 422 to a body with an unknown field.
// An operation whose parameters cannot be filled fails and says which parameter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const BASE = process.env.WZ_URL;
const TOKENS = { admin: process.env.WZ_ADMIN_TOKEN, store: process.env.WZ_STORE_TOKEN };
if (!BASE || !TOKENS.admin || !TOKENS.store)
  throw new Error('WZ_URL, WZ_ADMIN_TOKEN and WZ_STORE_TOKEN must be set (tests/api/run.sh)');

// Fixtures of the seeded demo database (seed-demo): store1@example.com owns store 1, TECHHUB.
const KNOWN = { store_id: '1', store_code: 'TECHHUB' };
const MISSING_ID = '999999999';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

async function call(method, path, { token, body, type } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = type ?? 'application/json';
  const res = await fetch(BASE + path, {
    method: method.toUpperCase(),
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  let json;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

const docRes = await call('get', '/openapi.json');
if (docRes.status !== 200 || docRes.json === undefined)
  throw new Error(`GET /openapi.json answered ${docRes.status}: ${docRes.text.slice(0, 200)}`);
const doc = docRes.json;

// The component schemas under $defs of one schema document, so a response schema is
// {"$ref": "wz#/$defs/Name"} and every $ref between components resolves.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const relink = (schema) =>
  JSON.parse(
    JSON.stringify(schema).replaceAll('"#/components/schemas/', '"wz#/$defs/'),
  );
ajv.addSchema({ $id: 'wz', $defs: relink(doc.components?.schemas ?? {}) });
const validators = new Map();
function validatorFor(schema) {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) validators.set(key, ajv.compile(relink(schema)));
  return validators.get(key);
}

const operations = [];
for (const [path, item] of Object.entries(doc.paths ?? {}))
  for (const method of METHODS)
    if (item[method]) operations.push({ method, path, op: item[method] });

// Which token an operation takes: the document says who may call it (openapi.c writes the
// access rule into the description); a route of either realm gets the admin's.
function realmOf(op) {
  if (!op.security || op.security.length === 0) return null;
  const d = op.description ?? '';
  if (/platform admin/i.test(d)) return 'admin';
  if (/store/i.test(d)) return 'store';
  return 'admin';
}

// The documented response for status, and the schema of the content type it came with.
function checkResponse(o, res, what) {
  const documented = o.op.responses?.[String(res.status)];
  assert.ok(
    documented,
    `${what}: HTTP ${res.status} is not documented for ${o.method.toUpperCase()} ${o.path} ` +
      `(documented: ${Object.keys(o.op.responses ?? {}).join(', ')}); body: ${res.text.slice(0, 300)}`,
  );
  const content = documented.content;
  if (!content) {
    assert.equal(res.text, '', `${what}: HTTP ${res.status} documents no body but one came`);
    return;
  }
  const mediaType = res.type.split(';')[0].trim();
  const media = content[mediaType];
  assert.ok(
    media,
    `${what}: content type '${res.type}' is not documented for HTTP ${res.status} ` +
      `(documented: ${Object.keys(content).join(', ')})`,
  );
  if (!media.schema) return;
  assert.notEqual(res.json, undefined, `${what}: the body is not JSON: ${res.text.slice(0, 200)}`);
  const validate = validatorFor(media.schema);
  assert.ok(
    validate(res.json),
    `${what}: the body does not match the documented schema of HTTP ${res.status}:\n` +
      ajv.errorsText(validate.errors, { separator: '\n' }) +
      `\nbody: ${res.text.slice(0, 600)}`,
  );
}

function pathParams(path) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

// The GET answers seen so far, searched for values of parameters no list names directly.
const seen = [];
const cache = new Map();
async function getCached(path, token) {
  const key = `${token}|${path}`;
  if (!cache.has(key)) {
    const res = await call('get', path, { token });
    cache.set(key, res);
    if (res.status === 200 && res.json !== undefined) seen.push(res.json);
  }
  return cache.get(key);
}

function pickFrom(item, name) {
  if (item === null || typeof item !== 'object') return undefined;
  if (item[name] !== undefined && item[name] !== null) return String(item[name]);
  if (item.id !== undefined && item.id !== null) return String(item.id);
  return undefined;
}

// Looks through seen answers for name ("invitation_id") or a list named after it
// ("invitations": [{"id": ...}]).
function searchSeen(name) {
  const base = name.replace(/_id$/, '');
  const plural = `${base}s`;
  const stack = [...seen];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v !== null && typeof v === 'object') {
      if (Array.isArray(v[plural]) && v[plural].length > 0) {
        const found = pickFrom(v[plural][0], name);
        if (found !== undefined) return found;
      }
      if (typeof v[name] === 'number' || typeof v[name] === 'string') return String(v[name]);
      stack.push(...Object.values(v));
    }
  }
  return undefined;
}

// Fills the pattern's parameters left to right. A parameter's value comes from a fixture, or
// from the first item of the list operation the path leads through (".../products" for
// "{product_id}" in ".../products/{product_id}"), or from an answer already seen.
async function fill(o, token) {
  const values = {};
  for (const name of pathParams(o.path)) {
    if (KNOWN[name] !== undefined) {
      values[name] = KNOWN[name];
      continue;
    }
    const listPattern = o.path.slice(0, o.path.indexOf(`/{${name}}`));
    let value;
    const list = doc.paths[listPattern]?.get;
    if (list && listPattern !== o.path) {
      const listPath = listPattern.replace(/\{([^}]+)\}/g, (_, n) => values[n]);
      const res = await getCached(`${listPath}?limit=5`, token);
      if (res.status === 200 && Array.isArray(res.json?.items) && res.json.items.length > 0)
        value = pickFrom(res.json.items[0], name);
      else if (res.status === 200 && Array.isArray(res.json) && res.json.length > 0)
        value = pickFrom(res.json[0], name);
    }
    value ??= searchSeen(name);
    if (value === undefined)
      throw new Error(
        `cannot fill {${name}} of ${o.method.toUpperCase()} ${o.path}: no list operation ` +
          `${listPattern} with items, no fixture and no answer seen holds it (add a fixture ` +
          `to KNOWN in tests/api/conformance.test.mjs or seed a row)`,
      );
    values[name] = value;
  }
  return {
    values,
    path: o.path.replace(/\{([^}]+)\}/g, (_, n) => encodeURIComponent(values[n])),
  };
}

// Lists first, then the reads that need their ids, so the search through seen answers has
// the most to look at.
const gets = operations
  .filter((o) => o.method === 'get')
  .sort((a, b) => pathParams(a.path).length - pathParams(b.path).length);

test('the document has operations and component schemas that compile', () => {
  assert.ok(operations.length > 0, 'no operations in /openapi.json');
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}))
    assert.doesNotThrow(() => validatorFor(schema), `components/schemas/${name} does not compile`);
});

for (const o of gets) {
  const name = `${o.method.toUpperCase()} ${o.path} (${o.op.operationId}) answers as documented`;
  test(name, async () => {
    const realm = realmOf(o.op);
    const token = realm ? TOKENS[realm] : undefined;
    const { path } = await fill(o, token);
    const res = await getCached(path, token);
    const ok = Object.keys(o.op.responses).find((s) => s.startsWith('2'));
    assert.equal(
      String(res.status),
      ok,
      `GET ${path} with the ${realm ?? 'no'} token: expected HTTP ${ok}, got ${res.status}: ` +
        res.text.slice(0, 300),
    );
    checkResponse(o, res, `GET ${path}`);
    // A list's next page, through its cursor, is the same shape.
    if (typeof res.json?.next_cursor === 'string' || Array.isArray(res.json?.items)) {
      const sep = path.includes('?') ? '&' : '?';
      const first = await call('get', `${path}${sep}limit=1`, { token });
      checkResponse(o, first, `GET ${path}${sep}limit=1`);
      if (typeof first.json?.next_cursor === 'string') {
        const next = await call(
          'get',
          `${path}${sep}limit=1&cursor=${encodeURIComponent(first.json.next_cursor)}`,
          { token },
        );
        assert.equal(next.status, 200, `the second page of ${path}: ${next.text.slice(0, 200)}`);
        checkResponse(o, next, `the second page of GET ${path}`);
      }
    }
  });
}

for (const o of operations.filter((x) => realmOf(x.op) !== null)) {
  test(`${o.method.toUpperCase()} ${o.path} (${o.op.operationId}) without a token is a 401`, async () => {
    // The access check runs before anything else, so any well-formed id does.
    const path = o.path.replace(/\{([^}]+)\}/g, (_, n) => KNOWN[n] ?? '1');
    const body = o.op.requestBody ? {} : undefined;
    const res = await call(o.method, path, { body });
    assert.equal(res.status, 401, `${o.method.toUpperCase()} ${path}: ${res.text.slice(0, 200)}`);
    checkResponse(o, res, `${o.method.toUpperCase()} ${path} without a token`);
  });
}

for (const o of gets.filter((x) => pathParams(x.path).some((n) => n.endsWith('_id')))) {
  test(`${o.method.toUpperCase()} ${o.path} (${o.op.operationId}) of an unknown id is a 404`, async () => {
    const realm = realmOf(o.op);
    const token = realm ? TOKENS[realm] : undefined;
    const { values } = await fill(o, token);
    const ids = pathParams(o.path).filter((n) => n.endsWith('_id'));
    const last = ids[ids.length - 1];
    const path = o.path.replace(/\{([^}]+)\}/g, (_, n) =>
      n === last ? MISSING_ID : encodeURIComponent(values[n]),
    );
    const res = await call('get', path, { token });
    assert.equal(res.status, 404, `GET ${path}: ${res.text.slice(0, 200)}`);
    checkResponse(o, res, `GET ${path}`);
  });
}

for (const o of operations.filter(
  (x) => (x.method === 'post' || x.method === 'patch') && x.op.requestBody,
)) {
  test(`${o.method.toUpperCase()} ${o.path} (${o.op.operationId}) refuses a bad body with a 422`, async () => {
    const realm = realmOf(o.op);
    const token = realm ? TOKENS[realm] : undefined;
    const { path } = await fill(o, token);
    // An unknown field (and, for a create, its required fields missing): nothing is written.
    const res = await call(o.method, path, { token, body: { not_a_field_of_this: 1 } });
    assert.equal(res.status, 422, `${o.method.toUpperCase()} ${path}: ${res.text.slice(0, 300)}`);
    checkResponse(o, res, `${o.method.toUpperCase()} ${path} with a bad body`);
    assert.ok(
      res.json.errors?.some((e) => e.field === 'not_a_field_of_this'),
      `the 422 does not name the unknown field: ${res.text.slice(0, 300)}`,
    );
    const bad = await call(o.method, path, { token, body: '{"unterminated": ', type: 'application/json' });
    assert.equal(bad.status, 400, `${o.method.toUpperCase()} ${path} with bad JSON: ${bad.text.slice(0, 200)}`);
    checkResponse(o, bad, `${o.method.toUpperCase()} ${path} with bad JSON`);
  });
}
