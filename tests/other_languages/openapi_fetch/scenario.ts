// The Not AI API through openapi-typescript types + openapi-fetch, against the sandbox.
// tests/test_other_languages.py generates ./schema.ts from openapi.yaml next to this file,
// compiles both with a strict tsconfig (a type error fails the test) and runs the result with
// NOTAI_BASE_URL and NOTAI_API_KEY set. It prints one JSON report on stdout; the key is never printed.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

declare const process: {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): boolean };
  stderr: { write(text: string): boolean };
  exitCode?: number;
};

type Schemas = components["schemas"];
type Pagination = Schemas["Pagination"];

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
}

const BASE_URL = env("NOTAI_BASE_URL");
const KEY = env("NOTAI_API_KEY");
const MISSING_SESSION = "00000000-0000-4000-8000-000000000000";
const EXAMPLE_SESSION = "7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90";

// Every request, as the server received it: which auth headers were present (never their values).
interface Sent {
  client: string;
  path: string;
  status: number;
  authorization: boolean;
  xApiKey: boolean;
}
const sent: Sent[] = [];

function recording(name: string): (input: Request) => Promise<Response> {
  return async (input: Request) => {
    const response = await fetch(input);
    sent.push({
      client: name,
      path: new URL(input.url).pathname,
      status: response.status,
      authorization: input.headers.has("authorization"),
      xApiKey: input.headers.has("x-api-key"),
    });
    return response;
  };
}

// One client per way of authenticating; the spec allows either header.
const bearer = createClient<paths>({
  baseUrl: BASE_URL,
  headers: { Authorization: `Bearer ${KEY}` },
  fetch: recording("bearer"),
});
const apiKey = createClient<paths>({
  baseUrl: BASE_URL,
  headers: { "x-api-key": KEY },
  fetch: recording("x-api-key"),
});
const badKey = createClient<paths>({
  baseUrl: BASE_URL,
  headers: { Authorization: `Bearer aik_v1_${"0".repeat(40)}` },
  fetch: recording("bad-key"),
});
const noKey = createClient<paths>({ baseUrl: BASE_URL, fetch: recording("no-key") });

function must<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

interface Page<T> {
  data: T[];
  pagination: Pagination;
}

// Follow x-pagination: pass nextCursor back while hasMore; stop on a missing cursor or a repeat.
async function walk<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const items: T[] = [];
  const limits: (number | null | undefined)[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.data);
    limits.push(page.pagination.limit);
    const next = page.pagination.nextCursor;
    if (!page.pagination.hasMore || !next) break;
    if (cursors.has(next)) throw new Error("a cursor came back twice");
    cursors.add(next);
    cursor = next;
  }
  return { items, pages: limits.length, limits };
}

async function main(): Promise<void> {
  const health = await noKey.GET("/health");
  const healthBody = must("health", health);

  const integration = await bearer.GET("/v1/integration");
  const integrationBody = must("getIntegration", integration);

  const sessions = await walk((cursor) =>
    bearer.GET("/v1/sessions", { params: { query: { pageSize: 40, cursor } } }).then((r) => must("listSessions", r)),
  );
  const bots = await walk((cursor) =>
    bearer
      .GET("/v1/sessions", { params: { query: { pageSize: 100, botOnly: true, cursor } } })
      .then((r) => must("listSessions botOnly", r)),
  );
  const closed = await walk((cursor) =>
    bearer
      .GET("/v1/sessions", { params: { query: { pageSize: 100, status: "closed", cursor } } })
      .then((r) => must("listSessions closed", r)),
  );

  // Round trips: the first and last session of the walk, and the documented example id.
  const picks = [sessions.items[0]?.id, sessions.items[sessions.items.length - 1]?.id, EXAMPLE_SESSION];
  const roundTrips = [];
  for (const id of picks) {
    if (id === undefined) throw new Error("no sessions to round-trip");
    const one = must("getSession", await bearer.GET("/v1/sessions/{sessionId}", { params: { path: { sessionId: id } } }));
    const details = must(
      "getSessionDetails",
      await bearer.GET("/v1/sessions/{sessionId}/details", { params: { path: { sessionId: id } } }),
    );
    roundTrips.push({
      id,
      getId: one.data.id,
      botScore: one.data.botScore ?? null,
      detailsSessionId: details.data.sessionId,
      eventTotal: details.data.eventCounts?.total ?? null,
    });
  }

  // Events of the example session: all of them, then a Unix-ms window cut from their timestamps.
  const events = await walk((cursor) =>
    bearer
      .GET("/v1/sessions/{sessionId}/events", {
        params: { path: { sessionId: EXAMPLE_SESSION }, query: { pageSize: 30, cursor } },
      })
      .then((r) => must("listEvents", r)),
  );
  const stamps = events.items.map((e) => e.timestamp).filter((t): t is number => typeof t === "number");
  const startTime = stamps[Math.floor(stamps.length / 4)];
  const endTime = stamps[Math.floor((3 * stamps.length) / 4)];
  if (startTime === undefined || endTime === undefined) throw new Error("the example session has no events");
  const windowed = await walk((cursor) =>
    bearer
      .GET("/v1/sessions/{sessionId}/events", {
        params: { path: { sessionId: EXAMPLE_SESSION }, query: { pageSize: 10, startTime, endTime, cursor } },
      })
      .then((r) => must("listEvents window", r)),
  );

  const users = await walk((cursor) =>
    bearer.GET("/v1/users", { params: { query: { pageSize: 25, cursor } } }).then((r) => must("listUsers", r)),
  );
  const someUser = users.items.find((u) => (u.sessionCount ?? 0) >= 4) ?? users.items[0];
  if (someUser === undefined) throw new Error("no users");
  const userSessions = await walk((cursor) =>
    bearer
      .GET("/v1/users/{userId}/sessions", { params: { path: { userId: someUser.userId }, query: { pageSize: 3, cursor } } })
      .then((r) => must("getUserSessions", r)),
  );

  const courses = await walk((cursor) =>
    bearer.GET("/v1/courses", { params: { query: { pageSize: 2, cursor } } }).then((r) => must("listCourses", r)),
  );

  const analytics = must(
    "getAnalytics",
    await bearer.GET("/v1/analytics", { params: { query: { period: "90d", groupBy: "week" } } }),
  );
  const stats = must("getStats", await bearer.GET("/v1/stats"));
  const usage = must("getUsage", await bearer.GET("/v1/usage", { params: { query: { metric: "Sessions" } } }));

  // The other auth header, alone.
  const viaApiKey = await apiKey.GET("/v1/integration");
  const viaApiKeySession = await apiKey.GET("/v1/sessions/{sessionId}", {
    params: { path: { sessionId: EXAMPLE_SESSION } },
  });

  // Errors, typed by the spec's ErrorEnvelope.
  const missing = await bearer.GET("/v1/sessions/{sessionId}", { params: { path: { sessionId: MISSING_SESSION } } });
  const unauthorized = await badKey.GET("/v1/integration");
  const anonymous = await noKey.GET("/v1/stats");

  const report = {
    client: "openapi-fetch",
    health: { status: health.response.status, body: healthBody.status ?? null },
    integration: {
      status: integration.response.status,
      tier: integration.response.headers.get("x-isnotai-tier"),
      requestId: integration.response.headers.get("x-request-id") !== null,
      apiKeyMasked: integrationBody.data?.apiKeyMasked ?? null,
    },
    sessions: { ids: sessions.items.map((s) => s.id), pages: sessions.pages, limits: sessions.limits },
    botSessions: { ids: bots.items.map((s) => s.id), scores: bots.items.map((s) => s.botScore ?? null) },
    closedSessions: { ids: closed.items.map((s) => s.id), statuses: closed.items.map((s) => s.status ?? null) },
    roundTrips,
    events: {
      sessionId: EXAMPLE_SESSION,
      ids: events.items.map((e) => e.eventId),
      timestamps: stamps,
      pages: events.pages,
    },
    eventWindow: {
      startTime,
      endTime,
      ids: windowed.items.map((e) => e.eventId),
      timestamps: windowed.items.map((e) => e.timestamp ?? null),
      pages: windowed.pages,
    },
    users: { ids: users.items.map((u) => u.userId), sessionCounts: users.items.map((u) => u.sessionCount ?? null) },
    userSessions: {
      userId: someUser.userId,
      sessionCount: someUser.sessionCount ?? null,
      ids: userSessions.items.map((s) => s.id),
      userIds: userSessions.items.map((s) => s.userId ?? null),
      pages: userSessions.pages,
    },
    courses: { items: courses.items, pages: courses.pages },
    analytics: {
      period: analytics.data.period ?? null,
      groupBy: analytics.data.groupBy ?? null,
      totalSessions: analytics.data.summary?.totalSessions ?? null,
      seriesSessions: (analytics.data.timeSeries ?? []).reduce((n, p) => n + (p.sessionCount ?? 0), 0),
    },
    stats: stats.data ?? null,
    usage: { totals: usage.totals ?? null, points: (usage.data ?? []).length },
    apiKeyHeader: {
      integrationStatus: viaApiKey.response.status,
      apiKeyMasked: viaApiKey.data?.data?.apiKeyMasked ?? null,
      sessionStatus: viaApiKeySession.response.status,
      sessionId: viaApiKeySession.data?.data.id ?? null,
    },
    notFound: {
      status: missing.response.status,
      code: missing.error?.error.code ?? null,
      tier: missing.response.headers.get("x-isnotai-tier"),
    },
    unauthorized: {
      status: unauthorized.response.status,
      code: unauthorized.error?.error.code ?? null,
      tier: unauthorized.response.headers.get("x-isnotai-tier"),
    },
    anonymous: { status: anonymous.response.status, code: anonymous.error?.error.code ?? null },
    sent,
  };
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`scenario failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
