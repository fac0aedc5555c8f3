// Allmine: GET /api/v1/messages/chat/{chatId}, Authorization: Bearer <JWT> (bench/wrk/allmine.lua).
import { getHistory, pick } from "./common.ts";

export { options } from "./common.ts";

export default function (): void {
  const p = pick();
  getHistory("allmine", `/api/v1/messages/chat/${encodeURIComponent(p.roomId)}`,
      { Authorization: `Bearer ${p.jwt}` });
}
