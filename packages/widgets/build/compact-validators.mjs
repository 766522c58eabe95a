// Makes the procedures' validators (ajv's standalone code, as forms-core bundles it) smaller for
// browsers, on their syntax tree. Every change keeps what a validator returns and every error it
// reports exactly as they were: a test runs both on every example and on their mutations.

import { isIdentifier, isNull, nodesWithParents, propertyKey, references, staticProperty } from './estree.mjs';
import { dropStaticEvaluated, dropUnreadOptions } from './validator-functions.mjs';

/** `V === null`, `null === V` (or `!==` with `negated`): V's name, else undefined. */
function nullTest(test, negated) {
  if (test?.type !== 'BinaryExpression' || test.operator !== (negated ? '!==' : '===')) return undefined;
  if (isIdentifier(test.left) && isNull(test.right)) return test.left.name;
  if (isNull(test.left) && isIdentifier(test.right)) return test.right.name;
  return undefined;
}

/** The one expression of `x`, `x;` or `{x;}`. */
function onlyExpression(node) {
  if (node?.type === 'BlockStatement') return node.body.length === 1 ? onlyExpression(node.body[0]) : undefined;
  return node?.type === 'ExpressionStatement' ? node.expression : node;
}

const isAssignOf = (node, list, item) =>
  node?.type === 'AssignmentExpression' &&
  node.operator === '=' &&
  isIdentifier(node.left, list) &&
  node.right.type === 'ArrayExpression' &&
  node.right.elements.length === 1 &&
  isIdentifier(node.right.elements[0], item);

const isPushOf = (node, list, item) =>
  node?.type === 'CallExpression' &&
  node.callee.type === 'MemberExpression' &&
  isIdentifier(node.callee.object, list) &&
  staticProperty(node.callee) === 'push' &&
  node.arguments.length === 1 &&
  isIdentifier(node.arguments[0], item);

/**
 * The error list `item` is added to by `test ? a : b` or `if (test) a; else b;`, where one branch
 * starts the list (`list = [item]`) and the other pushes onto it: ajv's way of reporting an error.
 */
function errorListOf(test, whenNull, otherwise, item) {
  for (const negated of [false, true]) {
    const list = nullTest(test, negated);
    const [start, push] = negated ? [otherwise, whenNull] : [whenNull, otherwise];
    if (list && isAssignOf(onlyExpression(start), list, item) && isPushOf(onlyExpression(push), list, item))
      return list;
  }
  return undefined;
}

/**
 * ajv reports an error as `const err = {…}; if (vErrors === null) vErrors = [err]; else
 * vErrors.push(err);` (minified: `let p={…};e===null?e=[p]:e.push(p)`). `(vErrors ??= []).push({…})`
 * does the same (the list is null or an array, never undefined) in a third of the code.
 */
function compactErrorPushes(code, ast, edits) {
  for (const [node] of nodesWithParents(ast)) {
    const body =
      node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock'
        ? node.body
        : node.type === 'SwitchCase'
          ? node.consequent
          : undefined;
    if (!body) continue;
    for (let i = 0; i + 1 < body.length; i++) {
      const declaration = body[i];
      if (declaration.type !== 'VariableDeclaration' || declaration.kind === 'var') continue;
      if (declaration.declarations.length !== 1) continue;
      const { id, init } = declaration.declarations[0];
      if (!isIdentifier(id) || init?.type !== 'ObjectExpression') continue;
      const next = body[i + 1];
      let report; // the conditional expression or if statement that adds the error
      let list;
      if (next.type === 'IfStatement') {
        report = next;
        list = next.alternate && errorListOf(next.test, next.consequent, next.alternate, id.name);
      } else if (next.type === 'ExpressionStatement') {
        report = next.expression.type === 'SequenceExpression' ? next.expression.expressions[0] : next.expression;
        list =
          report.type === 'ConditionalExpression' &&
          errorListOf(report.test, report.consequent, report.alternate, id.name);
      }
      if (!list) continue;
      // The error object must be used nowhere else: its declaration and the two uses in the report
      // are all the block has of that name.
      const uses = references(body).get(id.name) ?? [];
      if (uses.length !== 3) continue;
      const push = `(${list}??=[]).push(${code.slice(init.start, init.end)})`;
      edits.push({ start: declaration.start, end: declaration.end, text: '' });
      edits.push({ start: report.start, end: report.end, text: report.type === 'IfStatement' ? `${push};` : push });
    }
  }
}

/** Whether a node is JSON written as JavaScript: what ajv writes a schema as. */
function isJsonLiteral(node) {
  switch (node.type) {
    case 'Literal':
      return node.regex === undefined && node.bigint === undefined;
    case 'UnaryExpression':
      return (node.operator === '!' || node.operator === '-') && node.argument.type === 'Literal';
    case 'ArrayExpression':
      return node.elements.every((e) => e && isJsonLiteral(e));
    case 'ObjectExpression':
      return node.properties.every(
        (p) =>
          p.type === 'Property' &&
          p.kind === 'init' &&
          !p.method &&
          !p.computed &&
          !p.shorthand &&
          propertyKey(p) !== undefined &&
          propertyKey(p) !== '__proto__' &&
          isJsonLiteral(p.value),
      );
    default:
      return false;
  }
}

/** `Object.prototype.hasOwnProperty` */
const isHasOwnProperty = (node) =>
  node?.type === 'MemberExpression' &&
  staticProperty(node) === 'hasOwnProperty' &&
  node.object.type === 'MemberExpression' &&
  staticProperty(node.object) === 'prototype' &&
  isIdentifier(node.object.object, 'Object');

/**
 * What the code reads of a constant: paths whose whole value it uses, and paths of which it only
 * asks whether a key is there (`hasOwnProperty.call(schema.properties, key)`, the way ajv checks
 * for additional properties). Undefined when it uses the constant any other way.
 */
function readsOf(refs, parents, hasOwnNames) {
  const tree = { whole: false, keys: false, children: new Map() };
  for (const ref of refs) {
    let top = ref;
    const path = [];
    for (let parent = parents.get(top); parent?.type === 'MemberExpression' && parent.object === top;) {
      const key = staticProperty(parent);
      if (key === undefined) break;
      path.push(key);
      top = parent;
      parent = parents.get(top);
    }
    const parent = parents.get(top);
    if (path.length === 0) return undefined;
    if (parent?.type === 'AssignmentExpression' && parent.left === top) return undefined;
    if (parent?.type === 'UpdateExpression' || (parent?.type === 'UnaryExpression' && parent.operator === 'delete'))
      return undefined;
    if (parent?.type === 'MemberExpression' && parent.object === top) return undefined; // a computed read
    const callee = parent?.type === 'CallExpression' && parent.arguments[0] === top ? parent.callee : undefined;
    const keysOnly =
      callee?.type === 'MemberExpression' &&
      staticProperty(callee) === 'call' &&
      (isHasOwnProperty(callee.object) || (isIdentifier(callee.object) && hasOwnNames.has(callee.object.name)));
    let node = tree;
    for (const key of path) {
      if (!node.children.has(key)) node.children.set(key, { whole: false, keys: false, children: new Map() });
      node = node.children.get(key);
    }
    if (keysOnly) node.keys = true;
    else node.whole = true;
  }
  return tree;
}

/** The source of `node` with only what `reads` asks for; undefined if the shape does not fit. */
function pruned(code, node, reads) {
  if (reads.whole) return code.slice(node.start, node.end);
  if (node.type !== 'ObjectExpression') return undefined;
  const kept = [];
  for (const property of node.properties) {
    const key = propertyKey(property);
    const keySource = code.slice(property.key.start, property.key.end);
    const child = reads.children.get(key);
    if (child) {
      const value = pruned(code, property.value, child);
      if (value === undefined) return undefined;
      kept.push(`${keySource}:${value}`);
    } else if (reads.keys) {
      // Only whether the key exists is asked: any value does.
      kept.push(`${keySource}:0`);
    }
  }
  return `{${kept.join(',')}}`;
}

/**
 * ajv's code reads a few things of its schemas (the allowed values of an `enum`, the names of
 * `properties`) from constants that hold the whole schema; those constants keep only what is read.
 */
function pruneSchemaConstants(code, ast, edits) {
  const parents = new Map();
  for (const [node, parent] of nodesWithParents(ast)) parents.set(node, parent);
  const refs = references(ast);
  const declarators = ast.body
    .filter((s) => s.type === 'VariableDeclaration')
    .flatMap((s) => s.declarations)
    .filter((d) => isIdentifier(d.id) && d.init);
  // Constants holding `Object.prototype.hasOwnProperty`, as ajv has it.
  const hasOwnNames = new Set(declarators.filter((d) => isHasOwnProperty(d.init)).map((d) => d.id.name));
  for (const { id, init } of declarators) {
    if (init.type !== 'ObjectExpression' || !isJsonLiteral(init)) continue;
    const uses = (refs.get(id.name) ?? []).filter((r) => r !== id);
    const reads = readsOf(uses, parents, hasOwnNames);
    if (!reads) continue;
    const source = pruned(code, init, reads);
    if (source !== undefined && source.length < init.end - init.start) {
      edits.push({ start: init.start, end: init.end, text: source });
    }
  }
}

/** The code after one pass: its edits, made on the code's syntax tree, must not overlap. */
function afterPass(code, parse, pass) {
  const edits = [];
  pass(code, parse(code), edits);
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  let limit = Infinity;
  for (const { start, end, text } of edits) {
    if (end > limit) throw new Error('overlapping edits of a validator');
    out = out.slice(0, start) + text + out.slice(end);
    limit = start;
  }
  return out;
}

/**
 * A validator module made smaller: error reports compacted, schema constants pruned to what is
 * read, bookkeeping nothing reads gone. `parse` gives an ESTree AST with source offsets (rollup's
 * `this.parse`, or `parseAst`).
 */
export function compactValidator(code, parse) {
  let out = code;
  for (const pass of [compactErrorPushes, pruneSchemaConstants, dropStaticEvaluated]) out = afterPass(out, parse, pass);
  for (let before; before !== out;) {
    before = out;
    out = afterPass(out, parse, dropUnreadOptions);
  }
  // What comes out must still be valid JavaScript.
  parse(out);
  return out;
}

/** The rollup plugin: compacts each procedure's runtime-sharing validator as it is bundled. */
export function compactValidators() {
  return {
    name: 'ebok-compact-validators',
    transform(code, id) {
      if (!/[\\/]procedures[\\/][^\\/]+[\\/][^\\/]+[\\/]validator\.shared\.js$/.test(id)) return null;
      return { code: compactValidator(code, (c) => this.parse(c)), map: null };
    },
  };
}
