// Tests never touch the network: every HTTP call must be answered by a nock mock.
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));

// The app's waits, at test speed: Retry-After seconds last a millisecond, completions
// GitHub refused are tried again after a few milliseconds.
import { limits } from '../../src/app/limits.js';

limits.retryAfterUnitMs = 1;
limits.completionRetryDelaysMs = [5, 5];
