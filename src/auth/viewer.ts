/** Roles a user can hold; ADMIN manages users, courses and the catalogue. */
export enum Role {
  USER = 'USER',
  ADMIN = 'ADMIN',
}

/** The authenticated caller of a request, taken from a verified access token. */
export interface Viewer {
  readonly userId: string;
  readonly sessionId: string;
  readonly role: Role;
}
