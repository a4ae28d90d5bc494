import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/checkout/route";

describe("checkout", () => {
  it("returns a URL", async () => {
    const res = await POST(new Request("http://localhost/api/checkout", { method: "POST" }));
    expect(res.status).toBe(200);
  });
});
