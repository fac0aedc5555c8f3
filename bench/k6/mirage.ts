// Mirage: GET /api/get_room_messages?room_id=<number>, the session token in Authorization
// (bench/wrk/mirage.lua). k6 run -e BENCH_PAIRS=pairs.tsv bench/k6/mirage.ts
import { getHistory, pick } from "./common.ts";

export { options } from "./common.ts";

export default function (): void {
  const p = pick();
  getHistory("mirage", `/api/get_room_messages?room_id=${p.roomNumber}`, { Authorization: p.sessionToken });
}
