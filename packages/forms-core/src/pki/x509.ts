// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect
// metadata polyfill before the library loads. Every module imports x509 through this one.
import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
