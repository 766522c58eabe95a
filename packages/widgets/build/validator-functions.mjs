// ajv gives every validating function of a procedure the same signature and bookkeeping, for
// features our schemas may use but these do not: `$data` and `$dynamicRef` (the parent data, the
// root data, dynamic anchors) and properties evaluated at run time (`unevaluatedProperties`
// after a `$dynamicRef`). What a validator never reads goes.

import {
  bindingCounts,
  isIdentifier,
  isPure,
  nodesWithParents,
  propertyKey,
  references,
  staticProperty,
} from './estree.mjs';

/** `{a, b}` written again without the properties `drop` says go; undefined if none does. */
function without(code, object, drop) {
  const kept = object.properties.filter((p) => !drop(p));
  if (kept.length === object.properties.length) return undefined;
  return `{${kept.map((p) => code.slice(p.start, p.end)).join(',')}}`;
}

/**
 * ajv's functions take `(data, {instancePath, parentData, parentDataProperty, rootData,
 * dynamicAnchors} = {})` and pass them all on to each other. A function's options that its body
 * never reads leave its signature, and the calls stop passing them. (A caller may then no longer
 * read one either: run it again until nothing changes.)
 */
export function dropUnreadOptions(code, ast, edits) {
  const declared = bindingCounts(ast);
  const unread = new Map();
  for (const fn of ast.body) {
    if (fn.type !== 'FunctionDeclaration' || fn.params.length !== 2) continue;
    const options = fn.params[1];
    if (options.type !== 'AssignmentPattern' || options.left.type !== 'ObjectPattern') continue;
    const inBody = references(fn.body);
    const inOptions = references(options.left);
    const keys = new Set();
    const pattern = without(code, options.left, (p) => {
      if (p.type !== 'Property' || p.computed) return false;
      const local = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (!isIdentifier(local) || (p.value.type === 'AssignmentPattern' && !isPure(p.value.right))) return false;
      // Read in the body, or by another option's default: stays.
      if (inBody.has(local.name) || (inOptions.get(local.name) ?? []).length > 1) return false;
      keys.add(propertyKey(p));
      return true;
    });
    if (pattern === undefined) continue;
    edits.push({ start: options.left.start, end: options.left.end, text: pattern });
    // Calls can leave out what the function ignores only if the name means this function everywhere.
    if (declared.get(fn.id.name) === 1) unread.set(fn.id.name, keys);
  }
  for (const [call] of nodesWithParents(ast)) {
    if (call.type !== 'CallExpression' || !isIdentifier(call.callee) || !unread.has(call.callee.name)) continue;
    const passed = call.arguments[1];
    if (call.arguments.length !== 2 || passed.type !== 'ObjectExpression') continue;
    const keys = unread.get(call.callee.name);
    const object = without(
      code,
      passed,
      (p) => p.type === 'Property' && !p.computed && keys.has(propertyKey(p)) && isPure(p.value),
    );
    if (object !== undefined) edits.push({ start: passed.start, end: passed.end, text: object });
  }
}

/** `fn.evaluated` */
const isEvaluatedOf = (node, fn) =>
  node?.type === 'MemberExpression' && isIdentifier(node.object, fn) && staticProperty(node) === 'evaluated';

/** `v.dynamicProps && (v.props = void 0)` or the same for items: undefined when not. */
function resetOf(node) {
  if (node.type !== 'LogicalExpression' || node.operator !== '&&') return undefined;
  const { left, right } = node;
  if (left.type !== 'MemberExpression' || !isIdentifier(left.object) || right.type !== 'AssignmentExpression')
    return undefined;
  const flag = staticProperty(left);
  const target = right.left;
  const pairs = { dynamicProps: 'props', dynamicItems: 'items' };
  if (!(flag in pairs) || target.type !== 'MemberExpression' || !isIdentifier(target.object, left.object.name)) {
    return undefined;
  }
  return staticProperty(target) === pairs[flag] ? left.object.name : undefined;
}

/**
 * Each of ajv's functions starts by resetting what it evaluated when that is decided at run time:
 * `const e = fn.evaluated; e.dynamicProps && (e.props = void 0); e.dynamicItems && …`. Where
 * `fn.evaluated` says it never is (`dynamicProps: false, dynamicItems: false`) and nothing else
 * reads it, the reset, its variable and `fn.evaluated` go.
 */
export function dropStaticEvaluated(code, ast, edits) {
  for (const statement of ast.body) {
    const assign = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    if (assign?.type !== 'AssignmentExpression' || assign.operator !== '=' || assign.right.type !== 'ObjectExpression')
      continue;
    const fn = assign.left.object?.name;
    if (!isEvaluatedOf(assign.left, fn)) continue;
    const flags = Object.fromEntries(
      assign.right.properties.map((p) => [propertyKey(p), code.slice(p.value.start, p.value.end)]),
    );
    if (flags.dynamicProps !== '!1' && flags.dynamicProps !== 'false') continue;
    if (flags.dynamicItems !== '!1' && flags.dynamicItems !== 'false') continue;
    // Every read of fn.evaluated must be the one of its reset's `const e = fn.evaluated`.
    const reads = [];
    for (const [node] of nodesWithParents(ast)) {
      if (node !== assign.left && isEvaluatedOf(node, fn)) reads.push(node);
    }
    const plan = reads.length === 1 ? resetPlan(code, ast, reads[0]) : undefined;
    if (plan) edits.push(...plan, { start: statement.start, end: statement.end, text: '' });
  }
}

/** The edits that take out the reset reading `read` (`fn.evaluated`), or undefined if it is not one. */
function resetPlan(code, ast, read) {
  // The function the reset is in: the variable's uses are counted there.
  let fn;
  let declaration;
  let declarator;
  for (const top of ast.body) {
    if (top.type !== 'FunctionDeclaration') continue;
    for (const [node, parent] of nodesWithParents(top)) {
      if (node.type === 'VariableDeclarator' && node.init === read && isIdentifier(node.id)) {
        [fn, declaration, declarator] = [top, parent, node];
      }
    }
  }
  if (!declarator) return undefined;
  const name = declarator.id.name;
  // The variable's uses: its declaration and the two resets, and nothing else.
  const resets = [];
  for (const [node, parent] of nodesWithParents(fn)) {
    if (resetOf(node) === name) resets.push([node, parent]);
  }
  if (resets.length !== 2 || (references(fn).get(name) ?? []).length !== 5) return undefined;
  const edits = [];
  const list = declaration.declarations;
  const i = list.indexOf(declarator);
  if (list.length === 1) edits.push({ start: declaration.start, end: declaration.end, text: '' });
  else if (i > 0) edits.push({ start: list[i - 1].end, end: declarator.end, text: '' });
  else edits.push({ start: declarator.start, end: list[1].start, text: '' });
  const parents = new Map([...nodesWithParents(fn)]);
  const sequences = new Map();
  for (const [node, parent] of resets) {
    if (parent.type === 'ExpressionStatement') edits.push({ start: parent.start, end: parent.end, text: '' });
    else if (parent.type === 'SequenceExpression') sequences.set(parent, [...(sequences.get(parent) ?? []), node]);
    else return undefined;
  }
  for (const [sequence, gone] of sequences) {
    const kept = sequence.expressions.filter((e) => !gone.includes(e));
    const statement = parents.get(sequence);
    if (kept.length > 0) {
      edits.push({
        start: sequence.start,
        end: sequence.end,
        text: kept.map((e) => code.slice(e.start, e.end)).join(','),
      });
    } else if (statement.type === 'ExpressionStatement') {
      edits.push({ start: statement.start, end: statement.end, text: '' });
    } else {
      return undefined;
    }
  }
  return edits;
}
