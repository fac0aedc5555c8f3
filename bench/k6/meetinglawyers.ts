// MeetingLawyers: GET /chat/message?room=<number>, Api-Key + Authorization: Bearer <JWT>
// (bench/wrk/meetinglawyers.lua). BENCH_PIVOT = newest|oldest: read around the room's newest or
// oldest message (depth runs).
import { getHistory, pick } from "./common.ts";

export { options } from "./common.ts";

const pivot: string | undefined = __ENV.BENCH_PIVOT;

export default function (): void {
  const p = pick();
  let path = `/chat/message?room=${p.roomNumber}`;
  if (pivot === "newest") {
    path += `&pivot=${encodeURIComponent(p.newestMessageId)}&older=true`;
  } else if (pivot === "oldest") {
    path += `&pivot=${encodeURIComponent(p.oldestMessageId)}&older=false`;
  }
  getHistory("meetinglawyers", path, { "Api-Key": p.apiKey, Authorization: `Bearer ${p.jwt}` });
}
