/** PKCS#12 backups (pkijs, about 90 kB): loaded only when a resident makes or reads a backup. */
export { exportPkcs12, importPkcs12, Pkcs12Error } from '@ebok/forms-core/pkcs12';
