// The frame of the feature areas whose records belong to a commune (assistance, the hand-over): the
// session gate, then, for an account of no commune (a province admin or reviewer), a sentence saying
// the area is not theirs instead of the area itself, which would write records without a commune.
import type { ReactElement, ReactNode } from 'react';
import type { SessionUser } from '../../data/session-repository';
import { EmptyState, Screen } from './screen';
import { SessionGate, type SessionGateText } from './session-gate';

export interface CommuneGateText extends SessionGateText {
  /** Why an account of no commune has nothing here. */
  notForRole: string;
}

/** `elsewhere`: where such an account goes instead (a link), shown under the sentence. */
export function CommuneGate({ text, elsewhere, children }: { text: CommuneGateText; elsewhere?: ReactNode; children: (user: SessionUser) => ReactElement }): ReactElement {
  return (
    <SessionGate text={text}>
      {(user) =>
        user.communeId === null ? (
          <Screen title={text.title}>
            <EmptyState>{text.notForRole}</EmptyState>
            {elsewhere}
          </Screen>
        ) : (
          // The session's own object: a copy would be a new user at every render.
          children(user)
        )
      }
    </SessionGate>
  );
}
