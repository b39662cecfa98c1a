/**
 * DynamoDB round trips per API call of the User Service slice, counted by the SDK middleware against
 * DynamoDB Local (each HTTP attempt, retries included). A count, not a time: it is the figure that
 * scales cost and latency on AWS.
 */

import { attachRequestCounter } from "../src/platform/adapters/aws/dynamodb-request-counter.ts";
import {
  createDocumentClient,
  DynamoDbTableStore,
} from "../src/platform/adapters/aws/dynamodb-table.store.ts";
import { ensureTables } from "../src/platform/adapters/aws/dynamodb-tables.ts";
import { userServiceTables } from "../src/users/adapters/dynamodb/users.tables.ts";
import { buildTestServices } from "../src/users/wiring/test-services.ts";
import { dynamoDbClientFor, javaCommand, startDynamoDbLocal } from "../test/support/dynamodb-local.ts";

const mlaSubject = {
  user_first_name: "Bench",
  user_last_name: "Mark",
  date_of_birth: "1990-01-01",
  ssn: "401-23-1203",
  user_address: "1 Main St",
  user_city: "Austin",
  user_state: "TX",
  user_zip_code: "78701",
};

const java = javaCommand();
if (!java) throw new Error("this benchmark needs Java 17 for DynamoDB Local");
const local = await startDynamoDbLocal(java);
try {
  const client = dynamoDbClientFor(local.endpoint);
  const stage = "bench-test";
  await ensureTables(client, stage, userServiceTables);
  const counter = attachRequestCounter(client);
  const { app, token } = await buildTestServices({
    store: (clock) => new DynamoDbTableStore({ client: createDocumentClient(client), stage, clock }),
  });
  const user = `Bearer ${await token({ kind: "user", id: "auth0|bench", mfa: true })}`;
  const service = `Bearer ${await token({ kind: "service", id: "bench" })}`;
  const calls: [string, string, string, string, unknown?][] = [
    [
      "POST /users/create",
      "POST",
      "/users/create",
      user,
      { user_email: "b@example.com", user_phone: "5552017788" },
    ],
    ["POST /users/create (exists: 409)", "POST", "/users/create", user, { user_email: "b@example.com" }],
    ["GET /{user_id}/user", "GET", "/auth0%7Cbench/user", service],
    ["GET /{user_id}/user (unknown: 404)", "GET", "/auth0%7Cnobody/user", service],
    ["GET /users?email=", "GET", "/users?email=b%40example.com", service],
    ["GET /users?phone=", "GET", "/users?phone=5552017788", service],
    ["PATCH /{user_id}/user", "PATCH", "/auth0%7Cbench/user", user, { user_city: "Austin" }],
    ["GET /{user_id}/user/history", "GET", "/auth0%7Cbench/user/history", user],
    [
      "PUT /{user_id}/tags/{tag_name}",
      "PUT",
      "/auth0%7Cbench/tags/campaign",
      service,
      { tag_value: "spring" },
    ],
    [
      "PUT /{user_id}/phone (new number)",
      "PUT",
      "/auth0%7Cbench/phone",
      user,
      { phone_number: "5553004000" },
    ],
    ["POST /{user_id}/phone/opt-out", "POST", "/auth0%7Cbench/phone/opt-out", user, { is_opted_out: true }],
    ["POST /{user_id}/mla", "POST", "/auth0%7Cbench/mla", user, mlaSubject],
    [
      "PUT /{user_id}/balance-settings",
      "PUT",
      "/auth0%7Cbench/balance-settings",
      user,
      { low_balance_alert: 5000 },
    ],
  ];
  const rows = [];
  for (const [name, method, path, authorization, body] of calls) {
    counter.reset();
    const res = await app.request(path, {
      method,
      headers: { authorization, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const counts = counter.counts();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    rows.push({ call: name, status: res.status, requests: total, by: JSON.stringify(counts) });
  }
  process.stdout.write(`DynamoDB requests per API call (DynamoDB Local, started in ${local.startMs} ms)\n`);
  console.table(rows);
} finally {
  await local.stop();
}
