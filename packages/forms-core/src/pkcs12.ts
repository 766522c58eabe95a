/** Password-protected PKCS#12 backups of a resident's key and certificate (pkijs). */
export { exportPkcs12, importPkcs12, Pkcs12Error, type Pkcs12Contents } from './resident/pkcs12.js';
