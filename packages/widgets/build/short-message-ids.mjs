// The widgets' texts are looked up by id (`msg('Dalej', { id: 'journey.continue' })`), and every
// id is written once in the code that shows the text and once in each language's templates.
// Readable ids stay in the source and the XLIFF files; the bundles get short ones.

import { readFileSync } from 'node:fs';
import { isIdentifier, nodesWithParents, propertyKey } from './estree.mjs';

const isString = (node) => node?.type === 'Literal' && typeof node.value === 'string';

/**
 * A short id for each text id the templates of `localeFile` (a lit-localize runtime module) have,
 * in the order they are listed there: the same in every module that is bundled.
 */
export function shortIds(localeFile, parse) {
  const ids = [];
  for (const [node] of nodesWithParents(parse(readFileSync(localeFile, 'utf8')))) {
    if (node.type !== 'VariableDeclarator' || !isIdentifier(node.id, 'templates')) continue;
    for (const property of node.init.properties) ids.push(propertyKey(property));
  }
  if (ids.length === 0) throw new Error(`no templates in ${localeFile}`);
  return new Map(ids.map((id, i) => [id, i.toString(36)]));
}

/**
 * Edits giving the ids of `msg(…, { id })` calls and of locale templates their short form. A
 * `msg` call without an id is an error: the bundle has no way to make one from the text.
 */
function idEdits(ast, short, fail) {
  const edits = [];
  const replace = (literal) => {
    if (isString(literal) && short.has(literal.value)) {
      edits.push({ start: literal.start, end: literal.end, text: JSON.stringify(short.get(literal.value)) });
    }
  };
  for (const [node] of nodesWithParents(ast)) {
    if (node.type === 'CallExpression' && isIdentifier(node.callee, 'msg')) {
      const id = node.arguments[1]?.properties?.find((p) => p.type === 'Property' && propertyKey(p) === 'id');
      if (!id) fail(node.start);
      else replace(id.value);
    }
    if (
      node.type === 'VariableDeclarator' &&
      isIdentifier(node.id, 'templates') &&
      node.init?.type === 'ObjectExpression'
    ) {
      for (const p of node.init.properties) if (p.type === 'Property' && !p.computed) replace(p.key);
    }
  }
  return edits;
}

/**
 * The rollup plugin: text ids become short in every widget module and locale template. After
 * bundling, no long id may be left in any chunk: a `msg` written another way would otherwise
 * lose its translations without a word.
 */
export function shortMessageIds({ localeFile, include }) {
  let short;
  return {
    name: 'ebok-short-message-ids',
    buildStart() {
      short = shortIds(localeFile, (code) => this.parse(code));
    },
    transform(code, id) {
      if (!include.test(id) || !/\bmsg\b|\btemplates\b/.test(code)) return null;
      let out = code;
      const fail = (at) => this.error(`a msg(…) without { id } in ${id}: give the text its id`, at);
      for (const { start, end, text } of idEdits(this.parse(code), short, fail).sort((a, b) => b.start - a.start)) {
        out = out.slice(0, start) + text + out.slice(end);
      }
      return { code: out, map: null };
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const id of short.keys()) {
          if (chunk.code.includes(`"${id}"`) || chunk.code.includes(`'${id}'`))
            this.error(`the text id ${id} is left in ${chunk.fileName}: write it as msg(…, { id: '…' })`);
        }
      }
    },
  };
}
