// What the build reads of ESTree syntax trees (rollup's parser gives them, with source offsets).

/** Every node of an ESTree AST with its parent, depth first. */
export function* nodesWithParents(node, parent = null) {
  if (Array.isArray(node)) {
    for (const item of node) yield* nodesWithParents(item, parent);
  } else if (node && typeof node.type === 'string') {
    yield [node, parent];
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'type' && value && typeof value === 'object') yield* nodesWithParents(value, node);
    }
  }
}

export const isIdentifier = (node, name) => node?.type === 'Identifier' && (name === undefined || node.name === name);
export const isNull = (node) => node?.type === 'Literal' && node.value === null && node.raw === 'null';

/** A property name written as `a.b` or `a["b"]`, else undefined. */
export function staticProperty(member) {
  if (!member.computed) return isIdentifier(member.property) ? member.property.name : undefined;
  return member.property.type === 'Literal' && typeof member.property.value === 'string'
    ? member.property.value
    : undefined;
}

/** Identifier nodes that read a variable (not property names), each once, by name. */
export function references(root) {
  const byName = new Map();
  const seen = new Set();
  for (const [node, parent] of nodesWithParents(root)) {
    if (node.type !== 'Identifier' || seen.has(node.start)) continue;
    if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) continue;
    if (parent?.type === 'Property' && parent.key === node && !parent.computed && !parent.shorthand) continue;
    // A shorthand property's key and value are one identifier in the source.
    seen.add(node.start);
    if (!byName.has(node.name)) byName.set(node.name, []);
    byName.get(node.name).push(node);
  }
  return byName;
}

/** The name of a property (`a:`, `"a":`), else undefined. */
export function propertyKey(property) {
  if (isIdentifier(property.key)) return property.key.name;
  return property.key.type === 'Literal' ? String(property.key.value) : undefined;
}

/** How many times each name is declared (variables, functions, parameters, classes, imports, catch). */
export function bindingCounts(ast) {
  const counts = new Map();
  const add = (pattern) => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') counts.set(pattern.name, (counts.get(pattern.name) ?? 0) + 1);
    else if (pattern.type === 'ObjectPattern')
      for (const p of pattern.properties) add(p.type === 'RestElement' ? p : p.value);
    else if (pattern.type === 'ArrayPattern') for (const p of pattern.elements) add(p);
    else if (pattern.type === 'AssignmentPattern') add(pattern.left);
    else if (pattern.type === 'RestElement') add(pattern.argument);
  };
  for (const [node] of nodesWithParents(ast)) {
    if (node.type === 'VariableDeclarator') add(node.id);
    else if (node.type === 'CatchClause') add(node.param);
    else if (/^(Import(Default|Namespace)?Specifier)$/.test(node.type)) add(node.local);
    else if (/Function|^Class(Declaration|Expression)$/.test(node.type)) {
      add(node.id);
      for (const p of node.params ?? []) add(p);
    }
  }
  return counts;
}

/** Whether evaluating a node can do nothing but give a value: a name, a literal, `{}`. */
export const isPure = (node) =>
  node.type === 'Identifier' ||
  node.type === 'Literal' ||
  (node.type === 'ObjectExpression' && node.properties.length === 0) ||
  (node.type === 'UnaryExpression' && node.operator !== 'delete' && node.argument.type === 'Literal');
