// A signer thread of the soak test: signs a new document into each free slot of shared memory
// the main thread hands it, and gives the slots back filled, a batch at a time. It keeps nothing
// between batches, and the main thread never has more slots out than its queue has room for.
import { parentPort, workerData } from 'node:worker_threads';
import { loadSigning, signedBody } from './intake-load.mjs';

const { pkcs8, der, data, label, bytes, lengths, slotSize } = workerData;
const memory = new Uint8Array(bytes);
const signing = await loadSigning();
const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
  'sign',
]);
const waiting = [];
let signed = 0;
let running = false;

async function sign() {
  running = true;
  while (waiting.length > 0) {
    const slots = waiting.shift();
    for (const slot of slots) {
      // Unique as real traffic is: a nonce of its own, and the moment it was signed.
      const nonce = `${label}-${signed++}-${Math.random().toString(36).slice(2, 10)}`;
      const body = await signedBody(signing, data, privateKey, der, nonce);
      if (body.length > slotSize) throw new Error(`a signed body of ${body.length} bytes: slots hold ${slotSize}`);
      memory.set(body, slot * slotSize);
      lengths[slot] = body.length;
    }
    parentPort.postMessage({ filled: slots });
  }
  running = false;
}

parentPort.on('message', (m) => {
  waiting.push(m.slots);
  if (!running) void sign();
});
