// Counters of what went wrong where no check run can say it (a repository that could not
// be read before anything showed it is a model, a webhook refused), served in Prometheus'
// text format at GET /metrics. In memory, per process.
import type { IncomingMessage, ServerResponse } from 'node:http';

export class Metrics {
  readonly #counters = new Map<string, { name: string; labels: Record<string, string>; value: number }>();

  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const key = `${name}${JSON.stringify(labels)}`;
    const counter = this.#counters.get(key) ?? { name, labels, value: 0 };
    counter.value += by;
    this.#counters.set(key, counter);
  }

  get(name: string, labels: Record<string, string> = {}): number {
    return this.#counters.get(`${name}${JSON.stringify(labels)}`)?.value ?? 0;
  }

  /** Prometheus text exposition format, one line per counter. */
  render(): string {
    const names = [...new Set([...this.#counters.values()].map((c) => c.name))].sort();
    const lines: string[] = [];
    for (const name of names) {
      lines.push(`# TYPE ${name} counter`);
      for (const c of this.#counters.values()) {
        if (c.name !== name) continue;
        const labels = Object.entries(c.labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
        lines.push(`${name}${labels.length > 0 ? `{${labels.join(',')}}` : ''} ${c.value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  /** A Probot handler for GET /metrics; other requests pass. */
  handler(): (req: IncomingMessage, res: ServerResponse) => boolean {
    return (req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') return false;
      const body = this.render();
      res
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': Buffer.byteLength(body) })
        .end(body);
      return true;
    };
  }
}
