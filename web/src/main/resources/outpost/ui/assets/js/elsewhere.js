// The alert pages on a node that does not run the alerts: the server has written where they run
// into the page; only the shared parts need loading.

import { boot } from './page.js';

boot('checks');
