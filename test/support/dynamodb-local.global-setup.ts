import type { TestProject } from "vitest/node";
import { JAVA_MISSING, javaCommand, startDynamoDbLocal } from "./dynamodb-local.ts";

/** Starts one DynamoDB Local for the whole run and hands its endpoint to the DynamoDB suites. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const java = javaCommand();
  if (!java) {
    // CI must exercise the DynamoDB adapter; a developer without Java still gets the other suites.
    if (process.env.CI === "true") throw new Error(`${JAVA_MISSING}, and CI=true requires them to run`);
    const line = "!".repeat(100);
    console.warn(`\n${line}\n!!! ${JAVA_MISSING}.\n${line}\n`);
    project.provide("dynamodbEndpoint", "");
    return undefined;
  }
  const local = await startDynamoDbLocal(java);
  console.info(`DynamoDB Local answered at ${local.endpoint} after ${local.startMs} ms`);
  project.provide("dynamodbEndpoint", local.endpoint);
  return () => local.stop();
}
