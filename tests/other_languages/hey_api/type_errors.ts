// Must NOT compile: proves the generated types are strict enough to catch these mistakes.
// tests/test_other_languages.py expects tsc to report an error on each line marked "error".
import { getAnalytics, getSession, listEvents } from "./generated";

export async function mistakes(): Promise<void> {
  await getSession({ path: {} }); // error: sessionId is required
  await listEvents({
    path: { sessionId: "s" },
    query: { startTime: "yesterday" }, // error: Unix ms is a number
  });
  await getAnalytics({ query: { period: "1y" } }); // error: not a Period
  await getAnalytics({ query: { groupBy: "month" } }); // error: not a GroupBy
}
