// Renders the server's OpenAPI document as a page: operations, parameters, bodies, responses.
// A file of its own, not an inline script: the examples run under script-src 'self'.
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
};
// Scrollable, so reachable by keyboard (tabIndex) and named for screen readers.
const pre = (value) => {
  const block = el('pre', { tabIndex: 0 }, el('code', { textContent: JSON.stringify(value, null, 2) }));
  block.setAttribute('aria-label', 'JSON Schema');
  return block;
};

const api = await (await fetch('/v1/openapi.json')).json();
// A body refers to its schema among the components (schemas/api/): shown by name, then in full.
const COMPONENT = '#/components/schemas/';
const body = (type, schema) => {
  const name = schema?.$ref?.startsWith(COMPONENT) ? schema.$ref.slice(COMPONENT.length) : undefined;
  return [
    el('p', {}, el('code', { textContent: type }), name ? ` ${name}` : ''),
    schema ? pre(name ? api.components.schemas[name] : schema) : undefined,
  ];
};
document.title = `${api.info.title} ${api.info.version}`;
const toc = document.getElementById('toc');
const operations = document.getElementById('operations');
operations.replaceChildren();
let n = 0;
for (const [path, item] of Object.entries(api.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
    const id = `op-${++n}`;
    toc.append(
      el(
        'li',
        {},
        el(
          'a',
          { href: `#${id}` },
          el('span', { className: `method ${method}`, textContent: method.toUpperCase() }),
          ` ${path}`,
        ),
      ),
    );
    const section = el('section', { id });
    section.append(
      el(
        'h2',
        {},
        el('span', { className: `method ${method}`, textContent: method.toUpperCase() }),
        ' ',
        el('code', { textContent: path }),
      ),
      op.summary ? el('p', { textContent: op.summary }) : undefined,
      op.description ? el('p', { textContent: op.description }) : undefined,
      op.security?.length
        ? el('p', { textContent: `Authorization: ${op.security.map((s) => Object.keys(s).join(', ')).join(' or ')}` })
        : undefined,
    );
    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])];
    if (params.length) {
      const table = el(
        'table',
        {},
        el(
          'tr',
          {},
          el('th', { textContent: 'parameter' }),
          el('th', { textContent: 'in' }),
          el('th', { textContent: 'description' }),
        ),
      );
      for (const p of params)
        table.append(
          el(
            'tr',
            {},
            el('td', {}, el('code', { textContent: p.name })),
            el('td', { textContent: p.in }),
            el('td', { textContent: p.description ?? '' }),
          ),
        );
      section.append(el('h3', { textContent: 'Parameters' }), table);
    }
    if (op.requestBody) {
      section.append(el('h3', { textContent: 'Request body' }));
      for (const [type, media] of Object.entries(op.requestBody.content ?? {})) {
        section.append(...body(type, media.schema).filter(Boolean));
      }
    }
    section.append(el('h3', { textContent: 'Responses' }));
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      section.append(el('p', {}, el('strong', { textContent: status }), ` ${response.description ?? ''}`));
    }
    operations.append(section);
  }
}
