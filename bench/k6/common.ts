// Shared by every dialect script, like bench/wrk/common.lua: random (credential, room) pairs from
// the pairs file bench/run.py generates, the gateway's address, and the run's shape from the
// environment. Pair file columns (tab-separated): room_id, room_number, session_token, jwt,
// api_key, newest_message_id, oldest_message_id.
import { check } from "k6";
import { SharedArray } from "k6/data";
import http from "k6/http";
import type { RefinedResponse, ResponseType } from "k6/http";
import type { Options } from "k6/options";

/** One line of the pairs file: a room and the credentials of one of its members. */
export interface Pair {
  roomId: string;
  roomNumber: string;
  sessionToken: string;
  jwt: string;
  apiKey: string;
  newestMessageId: string;
  oldestMessageId: string;
}

/** BENCH_URL: the gateway (or nginx in front of it); 127.0.0.1:8080 as `--demo` serves. */
export const BASE_URL: string = __ENV.BENCH_URL || "http://127.0.0.1:8080";

/** BENCH_VUS connections for BENCH_DURATION; a status other than 200 counts as failed, and fails the run over 1%. */
export const options: Options = {
  vus: Number(__ENV.BENCH_VUS || "64"),
  duration: __ENV.BENCH_DURATION || "30s",
  thresholds: {
    http_req_failed: ["rate<0.01"],
    checks: ["rate>0.99"],
  },
};

/** Read once, in k6's init stage, and shared by every VU; health.ts needs none. */
const pairs: Pair[] = __ENV.BENCH_PAIRS
  ? new SharedArray<Pair>("pairs", () => parsePairs(open(__ENV.BENCH_PAIRS)))
  : [];

export function parsePairs(text: string): Pair[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const f = line.split("\t");
      return {
        roomId: f[0],
        roomNumber: f[1],
        sessionToken: f[2],
        jwt: f[3],
        apiKey: f[4],
        newestMessageId: f[5],
        oldestMessageId: f[6],
      };
    });
}

/** A random pair, as the wrk scripts pick one. */
export function pick(): Pair {
  if (pairs.length === 0) {
    throw new Error("BENCH_PAIRS must name a pairs file (bench/run.py writes one; see bench/k6/README.md)");
  }
  return pairs[Math.floor(Math.random() * pairs.length)];
}

/** GETs `path` with `headers`, tagged by dialect, and checks for a 200. */
export function getHistory(dialect: string, path: string, headers: Record<string, string> = {}):
    RefinedResponse<ResponseType | undefined> {
  const response = http.get(BASE_URL + path, { headers, tags: { dialect, name: dialect } });
  check(response, { [`${dialect} 200`]: (r) => r.status === 200 });
  return response;
}
