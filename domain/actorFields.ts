/**
 * The fields of a command or event that say who acts. Whoever passes on a person's request sets
 * them from her sign-in (the desk, its API): a request never carries them, and a client leaves
 * them out of what it sends.
 */
export const ACTOR_FIELDS = ['by', 'role', 'recordedBy', 'sender'] as const;
