// IMKit: GET /rooms/{id}/messages/v3, IM-CLIENT-KEY + IM-Authorization (bench/wrk/imkit.lua).
// BENCH_ANCHOR = newest|oldest: beforeMessage at the newest end or just above the oldest;
// BENCH_LIMIT: the page size (50). BENCH_WEB_SDK=1 sends the vendor web SDK's shape instead:
// /rooms/{id}/messages with the key in CLIENT_KEY.
import { getHistory, pick } from "./common.ts";

export { options } from "./common.ts";

const anchor: string | undefined = __ENV.BENCH_ANCHOR;
const limit: string = __ENV.BENCH_LIMIT || "50";
const webSdk: boolean = __ENV.BENCH_WEB_SDK === "1";

export default function (): void {
  const p = pick();
  let path = `/rooms/${encodeURIComponent(p.roomId)}/messages${webSdk ? "" : "/v3"}?limit=${limit}`;
  if (anchor === "newest") {
    path += `&beforeMessage=${encodeURIComponent(p.newestMessageId)}`;
  } else if (anchor === "oldest") {
    path += `&beforeMessage=${encodeURIComponent(p.oldestMessageId)}`;
  }
  const key = webSdk ? "CLIENT_KEY" : "IM-CLIENT-KEY";
  getHistory("imkit", path, { [key]: p.apiKey, "IM-Authorization": p.jwt });
}
