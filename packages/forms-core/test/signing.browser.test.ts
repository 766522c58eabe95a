import { IndexedDbCredentialStore } from '../src/resident/store.js';
import { signingSuite } from './shared/signing-suite.js';

// The shared suite in Chromium, with the IndexedDB credential store a resident's browser uses.
signingSuite({ describe, it }, () => new IndexedDbCredentialStore('ebok-test'));
