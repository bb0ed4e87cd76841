// The access token, in memory only (docs/privacy.md checklist item 24): a reload forgets it and the next request
// gets a new one from the HttpOnly refresh cookie. 401 → one refresh → one retry; a refused
// refresh means "signed out" (the outbox is kept; the user signs in again).
import { HttpError, SignedOutError, withdrawnError } from './errors';
import type { AuthResponse, Timed, Transport } from './transport';

/** Refresh a little before expiry, so a request does not set off with a token about to die. */
const EXPIRY_MARGIN_MS = 30_000;

export interface AccessTokenOptions {
  transport: Pick<Transport, 'refresh'>;
  now: () => number;
  /**
   * Serialises refreshes across tabs (Web Locks). Refresh tokens rotate and reusing an old one
   * revokes the session (docs/sync.md §4), so two tabs must never refresh with the same cookie at once.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The user the phone's data belongs to: a refresh that answers for someone else is refused. */
  expectedUserId?: () => Promise<string | undefined>;
  /** Every sign-in or refresh answer, once accepted: it carries the province's lock rules (docs/security.md). */
  received?: (body: AuthResponse) => void;
}

export class AccessToken {
  private token: { value: string; expiresAt: number } | undefined;
  private refreshing: Promise<string> | undefined;

  constructor(private readonly options: AccessTokenOptions) {}

  /** After a login or a refresh. */
  set(answer: Timed<AuthResponse>): void {
    this.token = { value: answer.body.accessToken, expiresAt: answer.receivedAt + answer.body.expiresIn * 1000 };
    this.options.received?.(answer.body);
  }

  clear(): void {
    this.token = undefined;
  }

  /** The token, if one is held and not about to expire. */
  current(): string | undefined {
    const token = this.token;
    return token && this.options.now() < token.expiresAt - EXPIRY_MARGIN_MS ? token.value : undefined;
  }

  /**
   * Runs an authenticated call: with the held token (refreshing first if there is none), and on
   * 401 refreshes once and retries once. A second 401 or a refused refresh is SignedOutError.
   */
  async call<T>(work: (token: string) => Promise<T>): Promise<T> {
    const held = this.current();
    const token = held ?? (await this.refresh());
    try {
      return await work(token);
    } catch (error) {
      // Withdrawn: a new token would not help (the caller pushes what it may, then wipes).
      const withdrawn = withdrawnError(error);
      if (withdrawn) throw withdrawn;
      if (!(error instanceof HttpError && error.status === 401)) throw error;
      // Someone else may have refreshed while this request was out; use theirs if it is newer.
      const fresh = this.current();
      const retryToken = fresh !== undefined && fresh !== token ? fresh : await this.refresh();
      try {
        return await work(retryToken);
      } catch (retryError) {
        const withdrawn = withdrawnError(retryError);
        if (withdrawn) throw withdrawn;
        if (retryError instanceof HttpError && retryError.status === 401) {
          this.clear();
          throw new SignedOutError();
        }
        throw retryError;
      }
    }
  }

  /** One refresh at a time in this tab; concurrent callers share it. */
  refresh(): Promise<string> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    const exclusive = this.options.exclusive ?? (<T>(work: () => Promise<T>) => work());
    return exclusive(async () => {
      let answer: Timed<AuthResponse>;
      try {
        answer = await this.options.transport.refresh();
      } catch (error) {
        const withdrawn = withdrawnError(error);
        if (withdrawn) {
          this.clear();
          throw withdrawn;
        }
        // 400/401/403: no cookie, expired, revoked or reused. Network errors and 5xx stay what they
        // are: the user is not signed out because the server could not be reached.
        if (error instanceof HttpError && [400, 401, 403].includes(error.status)) {
          this.clear();
          throw new SignedOutError();
        }
        throw error;
      }
      const expected = await this.options.expectedUserId?.();
      if (expected !== undefined && answer.body.user !== undefined && answer.body.user.id !== expected) {
        // The cookie belongs to someone else (another account signed in on this browser): pushing
        // this phone's changes with their token would file them under the wrong person.
        this.clear();
        throw new SignedOutError('The server session belongs to another user');
      }
      this.set(answer);
      return answer.body.accessToken;
    });
  }
}
