import { LoopbackServer, type Received } from "../support/loopback-server.ts";

/**
 * Secrets Manager's side of GetSecretValue over its JSON protocol (`X-Amz-Target:
 * secretsmanager.GetSecretValue`, `application/x-amz-json-1.1`): answers `{ ARN, Name, SecretString,
 * VersionId }` for a secret of `secrets` (by ARN, or by the name an ARN ends with), and 400
 * `ResourceNotFoundException` for any other. `read` lists the SecretIds asked for, in order.
 */
export async function startFakeSecretsManager(secrets: Readonly<Record<string, string>>) {
  const read: string[] = [];
  const server = await LoopbackServer.start(async (request: Received) => {
    if (request.headers["x-amz-target"] !== "secretsmanager.GetSecretValue") {
      return { status: 400, body: { __type: "UnknownOperationException" } };
    }
    const { SecretId } = JSON.parse(request.body) as { SecretId: string };
    read.push(SecretId);
    const arn = Object.keys(secrets).find((key) => key === SecretId || nameOf(key) === SecretId);
    if (arn === undefined) {
      return {
        status: 400,
        body: {
          __type: "ResourceNotFoundException",
          message: "Secrets Manager can't find the specified secret.",
        },
      };
    }
    return {
      status: 200,
      body: { ARN: arn, Name: nameOf(arn), SecretString: secrets[arn], VersionId: "version-1" },
    };
  });
  return { server, read };
}

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf` names `<name>`. */
function nameOf(arn: string): string {
  return (arn.split(":secret:")[1] ?? arn).replace(/-[A-Za-z0-9]{6}$/, "");
}
