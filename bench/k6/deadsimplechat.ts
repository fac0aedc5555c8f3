// DeadSimpleChat: GET /consumer/api/v1/chatRoom/{roomId}/messages?auth=<tenant API key>
// (bench/wrk/deadsimplechat.lua). BENCH_SKIP: the skip parameter (offset runs); BENCH_ROOM: one
// room for every request instead of each pair's own.
import { getHistory, pick } from "./common.ts";

export { options } from "./common.ts";

const skip: string = __ENV.BENCH_SKIP || "0";
const room: string | undefined = __ENV.BENCH_ROOM;

export default function (): void {
  const p = pick();
  const roomId = encodeURIComponent(room || p.roomId);
  getHistory("deadsimplechat",
      `/consumer/api/v1/chatRoom/${roomId}/messages?auth=${encodeURIComponent(p.apiKey)}&skip=${skip}`);
}
