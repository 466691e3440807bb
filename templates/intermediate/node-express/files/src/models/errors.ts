/**
 * The errors services raise. They say what went wrong in the terms of the
 * application; src/middlewares/error-handler.ts answers each with its
 * problem detail.
 */

/** No item of a resource has the id. */
export class NotFoundError extends Error {
  /** The resource's singular in kebab case: "user", "order-item". */
  readonly item: string;
  readonly id: string;

  constructor(item: string, id: string) {
    super(`no ${item} has the id ${id}`);
    this.name = "NotFoundError";
    this.item = item;
    this.id = id;
  }
}

/** Another user has the email, in some letter case. */
export class EmailTakenError extends Error {
  constructor(options?: ErrorOptions) {
    super("a user with this email already exists", options);
    this.name = "EmailTakenError";
  }
}
