// What the app writes to its log about an error: its kind, a short message, the HTTP
// status and the route. Never the error object itself: Octokit errors carry the request
// and response bodies, and errors thrown while handling a webhook carry its payload.

export interface ErrorSummary {
  name: string;
  message: string;
  status?: number;
  route?: string;
}

export function errSummary(error: unknown): ErrorSummary {
  const e = error as {
    name?: unknown;
    message?: unknown;
    status?: unknown;
    request?: { method?: unknown; url?: unknown };
  } | null;
  const summary: ErrorSummary = {
    name: typeof e?.name === 'string' ? e.name : typeof error,
    message: (typeof e?.message === 'string' ? e.message : String(error)).split('\n')[0]!.slice(0, 300),
  };
  if (typeof e?.status === 'number') summary.status = e.status;
  if (typeof e?.request?.method === 'string' && typeof e.request.url === 'string') {
    // Only the path: query strings may carry tokens in other APIs.
    summary.route = `${e.request.method} ${e.request.url.split('?')[0]}`;
  }
  return summary;
}
