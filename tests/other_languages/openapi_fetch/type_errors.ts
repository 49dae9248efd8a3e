// Must NOT compile: proves the generated types are strict enough to catch these mistakes.
// tests/test_other_languages.py expects tsc to report an error on each line marked "error".
import createClient from "openapi-fetch";
import type { paths } from "./schema";

const api = createClient<paths>({ baseUrl: "http://127.0.0.1:9" });

export async function mistakes(): Promise<void> {
  await api.GET("/v1/sessions/{sessionId}", { params: { path: {} } }); // error: sessionId is required
  await api.GET("/v1/sessions/{sessionId}/events", {
    params: { path: { sessionId: "s" }, query: { startTime: "yesterday" } }, // error: Unix ms is a number
  });
  await api.GET("/v1/analytics", { params: { query: { period: "1y" } } }); // error: not a Period
  await api.GET("/v1/events"); // error: no such path
}
