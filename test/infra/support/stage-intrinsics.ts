/**
 * Evaluates the CloudFormation intrinsics a stage's templates use to refer to queues (Ref, Fn::GetAtt
 * Arn, Fn::Join, Fn::Select, Fn::Split, Fn::ImportValue across the stage's stacks, the pseudo
 * parameters), as the deployment would, so a test can read an environment variable or a policy's
 * resources as the values they become.
 */
import type { Template } from "aws-cdk-lib/assertions";

type Json = Record<string, unknown>;

export interface StageIntrinsics {
  /** The value `value` of the template of stack `stackName` becomes once deployed. */
  resolve(stackName: string, value: unknown): unknown;
  /** Every SQS queue of the stage, by name: its ARN, its stack and its resource's properties. */
  readonly queues: ReadonlyMap<string, { arn: string; stack: string; properties: Json }>;
}

export function stageIntrinsics(
  templatesByName: Record<string, Template>,
  where: { readonly account: string; readonly region: string },
): StageIntrinsics {
  const templates = Object.fromEntries(
    Object.entries(templatesByName).map(([name, template]) => [name, template.toJSON() as Json]),
  );
  const resources = (stack: string) => (templates[stack]?.Resources ?? {}) as Record<string, Json>;
  const queueNameOf = (stack: string, id: string) => {
    const resource = resources(stack)[id];
    if (resource?.Type !== "AWS::SQS::Queue") throw new Error(`${stack}: ${id} is not a queue`);
    return String((resource.Properties as Json).QueueName);
  };
  const arnOf = (name: string) => `arn:aws:sqs:${where.region}:${where.account}:${name}`;
  const pseudo: Record<string, string> = {
    "AWS::Region": where.region,
    "AWS::AccountId": where.account,
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
  };
  const exported = (name: string): { stack: string; value: unknown } => {
    for (const [stack, template] of Object.entries(templates))
      for (const output of Object.values((template.Outputs ?? {}) as Record<string, Json>))
        if ((output.Export as Json | undefined)?.Name === name) return { stack, value: output.Value };
    throw new Error(`no stack of the stage exports ${name}`);
  };

  const resolve = (stack: string, value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => resolve(stack, item));
    const [key, arg] = Object.entries(value as Json)[0] ?? [];
    switch (key) {
      case "Ref": {
        const name = String(arg);
        if (name in pseudo) return pseudo[name];
        const queue = queueNameOf(stack, name);
        return `https://sqs.${where.region}.amazonaws.com/${where.account}/${queue}`;
      }
      case "Fn::GetAtt": {
        const [id, attribute] = arg as [string, string];
        if (attribute !== "Arn") throw new Error(`${stack}: Fn::GetAtt ${id}.${attribute}`);
        return arnOf(queueNameOf(stack, id));
      }
      case "Fn::Join": {
        const [separator, parts] = arg as [string, unknown[]];
        return parts.map((part) => resolve(stack, part)).join(separator);
      }
      case "Fn::Split": {
        const [separator, text] = arg as [string, unknown];
        return String(resolve(stack, text)).split(separator);
      }
      case "Fn::Select": {
        const [index, list] = arg as [number | string, unknown];
        return (resolve(stack, list) as unknown[])[Number(index)];
      }
      case "Fn::ImportValue": {
        const found = exported(String(resolve(stack, arg)));
        return resolve(found.stack, found.value);
      }
      default:
        return value;
    }
  };

  const queues = new Map<string, { arn: string; stack: string; properties: Json }>();
  for (const stack of Object.keys(templates))
    for (const resource of Object.values(resources(stack)))
      if (resource.Type === "AWS::SQS::Queue") {
        const properties = resource.Properties as Json;
        const name = String(properties.QueueName);
        queues.set(name, { arn: arnOf(name), stack, properties });
      }
  return { resolve, queues };
}
