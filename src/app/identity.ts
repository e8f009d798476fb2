// Who this app is on GitHub: its id (to ignore re-run requests for other apps' check runs)
// and its slug (`<slug>[bot]` authors its PR comments). Learnt without extra requests:
// APP_ID from the environment, else the `iss` claim of the app's own JWT; the slug and
// id also come back in every check run this app creates.
import type { Probot } from 'probot';

export class AppIdentity {
  id: number | null = null;
  slug: string | null = null;
  #resolving: Promise<number | null> | null = null;

  constructor(private readonly app: Probot) {}

  /** Records what a check-run response says about its app: that is us. */
  learn(app: { id?: number; slug?: string } | null | undefined): void {
    if (!app) return;
    if (typeof app.id === 'number') this.id = app.id;
    if (typeof app.slug === 'string' && app.slug !== '') this.slug = app.slug;
  }

  async appId(): Promise<number | null> {
    if (this.id !== null) return this.id;
    this.#resolving ??= this.#resolve();
    this.id ??= await this.#resolving;
    return this.id;
  }

  /** True when the comment was written by this app. Unknown identity matches nothing. */
  wrote(comment: {
    user?: { login?: string; type?: string } | null;
    performed_via_github_app?: { id?: number } | null;
  }): boolean {
    if (this.id !== null && comment.performed_via_github_app?.id === this.id) return true;
    return this.slug !== null && comment.user?.login === `${this.slug}[bot]`;
  }

  async #resolve(): Promise<number | null> {
    const fromEnv = Number(process.env.APP_ID);
    if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
    try {
      const octokit = await this.app.auth();
      const auth = (await octokit.auth({ type: 'app' })) as { token?: string };
      return jwtIssuer(auth.token);
    } catch {
      // Token-authenticated (githubToken) Probot instances have no app JWT.
      return null;
    }
  }
}

function jwtIssuer(token: string | undefined): number | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown };
    const iss = Number(claims.iss);
    return Number.isInteger(iss) && iss > 0 ? iss : null;
  } catch {
    return null;
  }
}
