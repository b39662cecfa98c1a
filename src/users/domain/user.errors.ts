import { ConflictError, NotFoundError } from "../../platform/errors/app.errors.ts";

export class UserExistsError extends ConflictError {
  override readonly name = "UserExistsError";
  constructor(userId: string) {
    super(`user ${userId} already exists`);
  }
}

export class UserNotFoundError extends NotFoundError {
  override readonly name = "UserNotFoundError";
  constructor(userId: string) {
    super(`there is no user ${userId}`);
  }
}

export class ConcurrentUpdateError extends ConflictError {
  override readonly name = "ConcurrentUpdateError";
  constructor(userId: string) {
    super(`user ${userId} was changed by another request meanwhile; read it again and retry`);
  }
}

/** Says that the address is taken, never by whom. */
export class EmailInUseError extends ConflictError {
  override readonly name = "EmailInUseError";
  constructor() {
    super("this email address is held by another user");
  }
}

/** Says that the number is taken, never by whom. */
export class PhoneInUseError extends ConflictError {
  override readonly name = "PhoneInUseError";
  constructor() {
    super("this phone number is held by another user");
  }
}
