// Building Lucene query text from values that come from log data: values are quoted and their
// quote and backslash characters escaped, so a value can never change the query's structure.

const FIELD_NAME = /^[A-Za-z_@][A-Za-z0-9_.@-]*$/;
const NUMBER = /^-?\d{1,18}$/;
const SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|\s]/g;

/** Escapes every query syntax character of a bare term. */
export function escapeTerm(text) {
  return String(text).replace(SPECIAL, (c) => `\\${c}`);
}

/** A quoted phrase: only " and \ need escaping inside quotes. */
export function quote(text) {
  return `"${String(text).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** field:value with the field escaped when needed and the value quoted (numbers stay bare). */
export function clause(field, value) {
  const name = FIELD_NAME.test(field) ? field : escapeTerm(field);
  const text = String(value);
  return `${name}:${NUMBER.test(text) ? text : quote(text)}`;
}

function hasTopLevelOr(query) {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < query.length; i += 1) {
    const c = query[i];
    if (c === '\\') { i += 1; continue; }
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (depth === 0 && /\s/.test(c) && /^(OR|\|\|)\s/.test(query.slice(i + 1))) return true;
  }
  return false;
}

/**
 * Adds field:value (or -field:value when exclude) to a query. A pure negative query matches
 * nothing in Lucene, so an exclusion on a blank query starts from *:*. A query with a top-level OR
 * is put in parentheses first. A clause already present is not added twice.
 */
export function addClause(query, field, value, exclude) {
  const base = (query || '').trim();
  const term = clause(field, value);
  const wanted = exclude ? `-${term}` : term;
  if (base.split(/\s+/).includes(wanted)) return base;
  if (!base) return exclude ? `*:* ${wanted}` : wanted;
  const left = hasTopLevelOr(base) ? `(${base})` : base;
  return exclude ? `${left} ${wanted}` : `${left} AND ${wanted}`;
}
