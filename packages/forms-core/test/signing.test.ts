import { describe, it } from 'vitest';
import { MemoryCredentialStore } from '../src/resident/store.js';
import { signingSuite } from './shared/signing-suite.js';

// The shared suite on Node; signing.browser.test.ts runs it in Chromium.
signingSuite({ describe, it }, () => new MemoryCredentialStore());
