// Types of fake-github.mjs, for the tests that import it.
export interface FakeRun {
  id: number;
  repo: string;
  head_sha: string;
  name: string;
  external_id: string;
  status: string;
  conclusion: string | null;
  created_ms: number;
  completed_ms: number | null;
  title: string | null;
  summary: string | null;
}
export interface FakeComment {
  id: number;
  issue: string;
  body: string;
  headAtWrite: string | null;
}
export interface FakeState {
  runs: FakeRun[];
  comments: FakeComment[];
  pulls: Map<string, { head: string; base: string }>;
  requests: number;
  byRoute: Map<string, number>;
  unknown: string[];
  patchDelayMs: number;
  pullsStatus: number;
}
export declare function filesAt(sha: string): Record<string, string>;
export declare function startFakeGithub(options?: {
  appId?: number;
  slug?: string;
  latencyMs?: number;
}): Promise<{ host: string; state: FakeState; close(): Promise<void> }>;
