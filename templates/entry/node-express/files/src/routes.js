/**
 * Route definitions: the users resource and the health check.
 */

import { Router } from "express";
import { DuplicateEmailError } from "./db.js";
import { HttpError, parseId, parseNewUser } from "./utils.js";

export function createRouter(db) {
  const router = Router();

  router.get("/health", (req, res) => {
    res.json({ status: "ok" });
  });

  router.get("/users", (req, res) => {
    res.json(db.listUsers());
  });

  router.post("/users", (req, res) => {
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
  });

  router.get("/users/:id", (req, res) => {
    const id = parseId(req.params.id);
    if (id === null) {
      throw new HttpError(400, "id must be a positive integer");
    }
    const user = db.getUser(id);
    if (user === null) {
      throw new HttpError(404, "user not found");
    }
    res.json(user);
  });

  return router;
}
