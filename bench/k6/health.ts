// GET /health/live: the HTTP stack alone, no credential, no database (bench/wrk/health.lua).
import { check } from "k6";
import http from "k6/http";
import { BASE_URL } from "./common.ts";

export { options } from "./common.ts";

export default function (): void {
  const response = http.get(`${BASE_URL}/health/live`, { tags: { name: "health" } });
  check(response, { "health 200": (r) => r.status === 200 });
}
