/**
 * Our namespace on a Temporal server of our own (the local cluster, a deployment): registered with
 * its retention, with the programmes' custom search attributes (domain/searchAttributes.ts), and
 * ready for them before anyone starts a programme. Each step keeps what is already there, so it is
 * safe to run again at every deployment.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import { programmeSearchAttributes } from '../domain/searchAttributes.js';
import { grpcCode, GrpcStatus, isRefusal } from './connection.js';

/** Prepares the namespace; answers the retention it has (an existing namespace keeps its own). */
export async function prepareNamespace(connection: Connection, namespace: string, retentionDays: number, timeoutMs = 60_000): Promise<{ retentionDays: number }> {
  await registerNamespace(connection, namespace, retentionDays);
  await registerSearchAttributes(connection, namespace);
  await waitUntilSearchable(connection, namespace, timeoutMs);
  const { config } = await connection.workflowService.describeNamespace({ namespace });
  return { retentionDays: Number(config?.workflowExecutionRetentionTtl?.seconds ?? 0) / 86_400 };
}

const isAlreadyExists = (err: unknown): boolean => grpcCode(err) === GrpcStatus.ALREADY_EXISTS;

/** Our namespace, with its retention; an existing one is left as it is. */
export async function registerNamespace(connection: Connection, namespace: string, retentionDays: number): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(`${retentionDays} days`) });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

/** The programmes' custom search attributes (domain/searchAttributes.ts); those already there are kept. */
async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = programmeSearchAttributes.filter((key) => !(key.name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  const types = proto.temporal.api.enums.v1.IndexedValueType;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, types[`INDEXED_VALUE_TYPE_${key.type}` as keyof typeof types]])),
    });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

/**
 * The frontend learns of a new namespace and its attributes from a cache refreshed every few
 * seconds; a query naming every attribute succeeds only once it knows them all. Waiting here means
 * no programme start is refused for an attribute that was just registered.
 */
async function waitUntilSearchable(connection: Connection, namespace: string, timeoutMs: number): Promise<void> {
  const query = programmeSearchAttributes.map((key) => `${key.name} IS NULL`).join(' AND ');
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query });
      return;
    } catch (err) {
      // Waiting does not change a refusal. (An attribute not yet known is INVALID_ARGUMENT, which it does.)
      if (isRefusal(err)) throw err;
      last = err;
      await sleep(500);
    }
  }
  throw new Error(`the namespace ${namespace} did not accept its search attributes within ${timeoutMs} ms: ${String(last)}`);
}
