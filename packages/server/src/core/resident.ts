/** @module Residents' own applications: the register key that finds the filings a person signed. */

/** The register key of a signer (migrations/0010): `signer:` and their semantics identifier. */
export const signerKey = (identifier: string): string => `signer:${identifier}`;

/** The keys an entry is written with: one for each person who signed it, once. */
export const signerKeys = (identifiers: readonly string[]): string[] => [...new Set(identifiers)].map(signerKey);
