import type { Plugin } from 'rollup';

/** A validator module made smaller; `parse` gives an ESTree AST with `start` and `end` offsets. */
export declare function compactValidator(code: string, parse: (code: string) => unknown): string;

/** The rollup plugin that compacts each procedure's runtime-sharing validator as it is bundled. */
export declare function compactValidators(): Plugin;
