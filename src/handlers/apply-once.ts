import type { Logger } from "pino";
import type { z } from "zod";
import { parsePayload } from "../payloads.js";
import type { Queryable } from "../db/types.js";
import type { AppDeps } from "../app-deps.js";
import type { DeliveryClaim } from "../queries/deliveries.js";
import { claimDelivery } from "../queries/deliveries.js";

export type DeliveryContext = { id: string; name: string; payload: unknown; log: Logger };

/** The installation an app webhook comes from; a payload without one is logged and ignored. */
export function installationOf(context: DeliveryContext): number | null {
  const installation = (context.payload as { installation?: { id?: unknown } } | null)?.installation;
  if (typeof installation?.id === "number") return installation.id;
  context.log.warn({ deliveryId: context.id, event: context.name }, "webhook without an installation ignored");
  return null;
}

/**
 * Applies a delivery's effects in one transaction, once per X-GitHub-Delivery: a redelivery, even
 * one arriving at the same moment, finds the delivery recorded and changes nothing.
 */
export async function applyOnce<T>(
  deps: AppDeps,
  context: DeliveryContext,
  installationId: number,
  work: (tx: Queryable) => Promise<T>,
): Promise<{ applied: true; value: T } | { applied: false }> {
  const outcome = await deps.db.transaction(async (tx) => {
    if (!(await claimDelivery(tx, context.id, installationId, context.name))) return { applied: false as const };
    return { applied: true as const, value: await work(tx) };
  });
  if (!outcome.applied) context.log.info({ deliveryId: context.id, event: context.name }, "delivery already processed");
  return outcome;
}

/**
 * Applies a delivery whose effects are one statement that records the delivery itself (a claim):
 * no transaction around it, one round trip. Returns whether it was applied (false: seen before).
 */
export async function applyOnceInOneStatement(
  context: DeliveryContext,
  eventName: string,
  statement: (claim: DeliveryClaim) => Promise<{ claimed: boolean }>,
): Promise<boolean> {
  const { claimed } = await statement({ deliveryId: context.id, event: eventName });
  if (!claimed) context.log.info({ deliveryId: context.id, event: eventName }, "delivery already processed");
  return claimed;
}

export type ValidDelivery<E> = { installationId: number; event: E; eventName: string };

/**
 * The first step of a handler: a payload without an installation is ignored (null); a malformed
 * payload is answered 400 by the PayloadError thrown.
 */
export function validateDelivery<S extends z.ZodType>(context: DeliveryContext, schema: S): ValidDelivery<z.infer<S>> | null {
  const installationId = installationOf(context);
  if (installationId === null) return null;
  const action = (context.payload as { action?: unknown }).action;
  const eventName = typeof action === "string" ? `${context.name}.${action}` : context.name;
  return { installationId, event: parsePayload(schema, context.payload, eventName), eventName };
}

/** The common path of a handler: validate the delivery, then apply its effects once. */
export async function handleOnce<S extends z.ZodType, T>(
  deps: AppDeps,
  context: DeliveryContext,
  schema: S,
  record: (tx: Queryable, event: z.infer<S>) => Promise<T>,
): Promise<{ applied: true; value: T; installationId: number } | { applied: false }> {
  const delivery = validateDelivery(context, schema);
  if (!delivery) return { applied: false };
  const { installationId, event, eventName } = delivery;
  const outcome = await applyOnce(deps, { ...context, name: eventName }, installationId, (tx) => record(tx, event));
  return outcome.applied ? { ...outcome, installationId } : outcome;
}
