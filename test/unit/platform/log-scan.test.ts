import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_LOG_DIR_VARIABLE } from "../../../src/platform/logging/test-run.logger.ts";
import { runProblems } from "../../support/log-capture.reporter.ts";
import { testLogger } from "../../support/log-capture.ts";
import { luhnValid, scanFolder, scanLine } from "../../support/log-scan.ts";

const kinds = (line: string) => scanLine(line, "line").map((finding) => finding.kind);
const SIGNATURE = `t=1795339800,v1=${"5f".repeat(32)}`;
/** A compact JWS as Apple and Google send them (header `{"alg":"ES256","x5c":[...]}`, payload, signature). */
const JWT =
  "eyJhbGciOiJFUzI1NiIsIng1YyI6WyJNSUlCIl19.eyJub3RpZmljYXRpb25UeXBlIjoiVEVTVCJ9.c2lnbmF0dXJlLW9mLTY0LWJ5dGVzLWJ5LWFwcGxl";

/** The scan the run's logs get when it ends (issue 12: no card number, CVC or gateway secret in a log). */
describe("the log scan", () => {
  it.each([
    ['{"message":"charge","card":"4242424242424242"}', "card number"],
    ['{"pan":"4000056655665556"}', "card number"],
    ["card 4242 4242 4242 4242 declined", "card number"],
    ["number=5555-5555-5555-4444", "card number"],
    ['{"amex":"378282246310005"}', "card number"],
    ['{"mastercard":"2223003122003222"}', "card number"],
    ['{"amex":"3782 822463 10005"}', "card number"],
    ['{"card":{"cvc":"123"}}', "cvc"],
    ["card[number]=x&card[cvc]=314", "cvc"],
    ['{"CVV": 1234}', "cvc"],
    ["api key sk_live_51HxZa0123456789abcdef", "stripe secret"],
    ['{"key":"sk_test_roster_fake_0123456789abcdef"}', "stripe secret"],
    ["restricted rk_live_0123456789abcdefgh", "stripe secret"],
    ['{"secret":"whsec_roster_fake_0123456789abcdef"}', "stripe secret"],
    [`{"headers":{"stripe-signature":"${SIGNATURE}"}}`, "stripe signature"],
    [`{"authorization":"Bearer ${JWT}"}`, "signed token"],
    [`{"signedPayload":"${JWT}"}`, "signed token"],
    ['{"key":"-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMG"}', "private key"],
    ["-----BEGIN EC PRIVATE KEY-----", "private key"],
  ])("finds %s", (line, kind) => {
    expect(kinds(line)).toEqual([kind]);
  });

  it.each([
    ['{"card":"4242424242424241"}', "a Luhn-invalid number"],
    ['{"at":1795339800009}', "epoch milliseconds, even Luhn-valid"],
    ['{"id":"7000000000000005"}', "a Luhn-valid number no card network issues"],
    ['{"id":"2000000318354657"}', "a Luhn-valid App Store transaction id (no 2-series card starts 2000)"],
    ['{"sequenceNumber":"000000000000000004242"}', "a 21-digit stream sequence number"],
    ['{"sequenceNumber":"49654412345678901234567890123456789012345678901234567890"}', "a Kinesis one"],
    ['{"user_phone":"+15552017789","last4":"4242","exp_year":2030}', "what a card may show"],
    ['{"id":"0f8b7e1c-9a4d-4c1e-8d2f-3b6a5c7d9e10","confirmation_id":"pay-000001"}', "ids"],
    ['{"requestId":"bc55bad1-3786-4177-9433-7d22ac86f97d"}', "a UUID whose groups look like a card's"],
    ['{"request_hash":"ab4242424242424242cd"}', "digits inside a hash"],
    ['{"reason":"incorrect_cvc","checks":{"cvc_check":"pass"},"cvc":null,"cvv":""}', "CVC words"],
    ["set STRIPE_WEBHOOK_SECRET to a whsec_ value; sk_test_ keys only", "the prefixes alone"],
    ['{"message":"refused","signature":"t=1795339800,v1=deadbeef"}', "a short signature"],
  ])("passes %s (%s)", (line) => {
    expect(kinds(line)).toEqual([]);
  });

  it("checks the Luhn digit as card networks do", () => {
    expect(["4242424242424242", "6011111111111117", "79927398713"].map(luhnValid)).toEqual([
      true,
      true,
      true,
    ]);
    expect(["4242424242424243", "79927398710", ""].map(luhnValid)).toEqual([false, false, false]);
  });

  it("names where and what it found without repeating the value", () => {
    const [finding] = scanLine('{"card":"4000056655665556"}', "logger-1.jsonl:7");
    expect(finding).toEqual({ kind: "card number", at: "logger-1.jsonl:7", masked: "4000…56" });
  });

  const planted = mkdtempSync(join(tmpdir(), "roster-log-scan-"));
  afterAll(() => rmSync(planted, { recursive: true, force: true }));

  it("scans every line of every file in a folder", () => {
    writeFileSync(
      join(planted, "logger-1.jsonl"),
      '{"level":"INFO"}\n{"level":"DEBUG","pan":"4242424242424242"}\n',
    );
    writeFileSync(
      join(planted, "process-local-2.log"),
      `API http://127.0.0.1:1\nsecret whsec_0123456789abcdef\n`,
    );
    const scan = scanFolder(planted);
    expect(scan.findings.map((f) => `${f.kind} at ${f.at}`)).toEqual([
      "card number at logger-1.jsonl:2",
      "stripe secret at process-local-2.log:2",
    ]);
    expect(scan.lines).toEqual({ "logger-1.jsonl": 2, "process-local-2.log": 2 });
  });

  it("fails a run that captured nothing from the sources its tests use", () => {
    const silent = { findings: [], lines: { "logger-1.jsonl": 3, "process-local-2.log": 0 } };
    expect(runProblems(silent, ["/repo/test/e2e/payments/chargeback.test.ts"])).toEqual([
      "no line from the local process's output was captured",
    ]);
    expect(runProblems(silent, ["/repo/test/integration/payments/payments-api.test.ts"])).toEqual([]);
  });

  it("captures a test logger's DEBUG lines in the run's folder, which the run's end scans", () => {
    const dir = process.env[TEST_LOG_DIR_VARIABLE];
    expect(dir, `${TEST_LOG_DIR_VARIABLE} is set by the log capture reporter`).toBeTruthy();
    const probe = `probe-${randomUUID()}`;
    testLogger("log-scan-test").debug("captured", { probe });
    const lines = readFileSync(join(dir as string, `logger-${process.pid}.jsonl`), "utf8").split("\n");
    expect(lines.filter((line) => line.includes(probe)).map((line) => JSON.parse(line))).toMatchObject([
      { level: "DEBUG", message: "captured", service: "log-scan-test", probe },
    ]);
  });
});
