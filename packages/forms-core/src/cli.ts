#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { SchemaCompileError } from './compile/issues.js';
import { compileSchemas } from './emit/compile.js';
import { runCheck, runNew } from './kit/commands.js';

const USAGE = `Usage: ebok-forms compile [--schemas <dir>] [--out <dir>] [--elements <dir>] [--stories <dir>] [--legal-bases <file>]
       ebok-forms new <id> [--department <code>] [--title <Polish title>] [--legal-basis <act, article>]…
                       [--channel city|elsewhere [--channel-service <Polish name>] [--channel-url <https://…>]]
                       [--schemas <dir>]
       ebok-forms check [--schemas <dir>] [--today <YYYY-MM-DD>]

Run it from the repository's root as npm run forms -- <command> [options]. Not through \`npx\`: when the
CLI is not linked, \`npx\` would fetch a package named ebok-forms from the public registry.

Compiles procedure schemas into TypeScript types, standalone validators, form models,
bundled schemas and a catalogue, and the HTTP API's bodies (api/) into types and standalone
validators; with --elements, also one widget element module per procedure; with --stories, one
Storybook module per procedure (every stop of its journey); with --legal-bases, a Markdown summary of
every procedure's legal basis and legal review for a city's lawyer. Defaults: --schemas schemas
--out schemas/dist.
Nothing is written when any schema has a problem; every problem is listed by file and pointer.

new: writes a new procedure schema and examples to fill in (see docs/adding-a-procedure.md). It asks
at a terminal for the title, the legal basis and the channel that the options leave out.
check: lints the schemas; lists findings by file and pointer, exits 1 when there are any. It reports
a procedure whose legal review was never checked or was checked more than a year before today
(--today sets the day, e.g. to reproduce a finding).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      schemas: { type: 'string', default: 'schemas' },
      out: { type: 'string', default: 'schemas/dist' },
      elements: { type: 'string' },
      stories: { type: 'string' },
      'legal-bases': { type: 'string' },
      department: { type: 'string' },
      title: { type: 'string' },
      'legal-basis': { type: 'string', multiple: true },
      channel: { type: 'string' },
      'channel-service': { type: 'string' },
      'channel-url': { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'new') {
    // At a terminal, what the options leave out is asked; in a script it stays a to-do.
    const rl = process.stdin.isTTY && process.stdout.isTTY ? createInterface({ input: stdin, output: stdout }) : null;
    try {
      return await runNew(positionals.slice(1), {
        schemas: values.schemas,
        department: values.department,
        title: values.title,
        legalBasis: values['legal-basis'],
        channel: values.channel,
        channelService: values['channel-service'],
        channelUrl: values['channel-url'],
        ask: rl ? (q) => rl.question(q) : undefined,
      });
    } finally {
      rl?.close();
    }
  }
  if (command === 'check') {
    const today = values.today === undefined ? new Date() : new Date(`${values.today}T00:00:00Z`);
    if (Number.isNaN(today.getTime())) {
      console.error(`ebok-forms check: --today "${values.today}" is not a date (YYYY-MM-DD)`);
      return 2;
    }
    return runCheck(values.schemas, console, today);
  }
  if (command !== 'compile') {
    console.error(`ebok-forms: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const result = await compileSchemas({
      schemasDir: values.schemas,
      outDir: values.out,
      ...(values.elements ? { elementsDir: values.elements } : {}),
      ...(values.stories ? { storiesDir: values.stories } : {}),
      ...(values['legal-bases'] ? { legalBasesFile: values['legal-bases'] } : {}),
    });
    console.log(
      `ebok-forms: compiled ${result.procedures.length} procedures${result.api.length > 0 ? ` and ${result.api.length} API schemas` : ''} in ${(result.durationMs / 1000).toFixed(2)} s → ${values.out}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof SchemaCompileError) {
      console.error(`ebok-forms: ${e.message}\nNothing was written.`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
