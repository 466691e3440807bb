/**
 * Route definitions: the users resource and the health check. A known path
 * asked with another method answers 405 with an `Allow` header.
 */

import { Router } from "express";
import { jsonBody } from "./body.js";
import { DuplicateEmailError } from "./db.js";
import { HttpError, parseId, parseNewUser } from "./utils.js";

export function createRouter(db) {
  // Paths match exactly: "/Users" and "/users/" are unknown paths (404).
  const router = Router({ caseSensitive: true, strict: true });

  router
    .route("/health")
    .get((req, res) => {
      res.json({ status: "ok" });
    })
    .all(methodNotAllowed("GET, HEAD"));

  router
    .route("/users")
    .get((req, res) => {
      res.json(db.listUsers());
    })
    .post(jsonBody, (req, res) => {
      const input = parseNewUser(req.body);
      let user;
      try {
        user = db.createUser(input);
      } catch (err) {
        if (err instanceof DuplicateEmailError) {
          throw new HttpError(409, "email already exists");
        }
        throw err;
      }
      res.status(201).location(`/users/${user.id}`).json(user);
    })
    .all(methodNotAllowed("GET, HEAD, POST"));

  router
    .route("/users/:id")
    .get((req, res) => {
      const id = parseId(req.params.id);
      if (id === null) {
        throw new HttpError(400, "id must be a positive integer");
      }
      const user = db.getUser(id);
      if (user === null) {
        throw new HttpError(404, "user not found");
      }
      res.json(user);
    })
    .all(methodNotAllowed("GET, HEAD"));

  return router;
}

function methodNotAllowed(allow) {
  return (req, res) => {
    res.set("Allow", allow);
    throw new HttpError(405, "method not allowed");
  };
}
