// The frame of every feature area that needs a signed-in user (its records carry the commune and
// the author): a status while the session is read from IndexedDB, a way to sign in when nobody
// is, and otherwise the area itself, given the user.
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import type { SessionUser } from '../../data/session-repository';
import { useSession } from '../../hooks/use-session';
import { Screen } from './screen';

/** The area's own words for each state (each feature keeps them in its namespace). */
export interface SessionGateText {
  title: string;
  loading: string;
  signInFirst: string;
  signIn: string;
}

export function SessionGate({ text, children }: { text: SessionGateText; children: (user: SessionUser) => ReactElement }): ReactElement {
  const session = useSession();
  if (session === undefined) {
    return (
      <Screen title={text.title}>
        <p role="status">{text.loading}</p>
      </Screen>
    );
  }
  if (session === null) {
    return (
      <Screen title={text.title}>
        <div className="notice sign-in-notice" role="status">
          <p>{text.signInFirst}</p>
          <Link className="button primary" to="/sign-in">
            {text.signIn}
          </Link>
        </div>
      </Screen>
    );
  }
  return children(session.user);
}
